package dev.tally.command.category;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CategoryApiTest extends CommandApiTest {

    private Api.Response create(TestUser user, String name) {
        return api.post("/api/v1/categories").as(user).body(Map.of("name", name, "kind", "EXPENSE")).send();
    }

    @Test
    void createsRenamesAndArchives() {
        TestUser alice = someUser();
        Api.Response created = create(alice, "Pets");
        assertThat(created.code()).isEqualTo(201);
        String id = created.text("id");

        assertThat(api.patch("/api/v1/categories/" + id).as(alice).ifMatch(0).body(Map.of("name", "Animals")).send().code()).isEqualTo(200);
        Api.Response archived = api.post("/api/v1/categories/" + id + "/archive").as(alice).ifMatch(1).send();
        assertThat(archived.code()).isEqualTo(200);
        assertThat(archived.version()).isEqualTo(2);
        assertThat(eventTypes(id)).containsExactly("CategoryCreated", "CategoryRenamed", "CategoryArchived");
    }

    @Test
    void refusesADuplicateNameWithTheField() {
        TestUser alice = someUser();
        assertThat(create(alice, "Pets").code()).isEqualTo(201);
        long before = eventCount();

        Api.Response duplicate = create(alice, " PETS ");
        assertThat(duplicate.code()).isEqualTo(422);
        assertThat(duplicate.text("code")).isEqualTo("category_name_taken");
        assertThat(duplicate.body().path("errors").get(0).path("field").asText()).isEqualTo("name");
        assertThat(eventCount()).isEqualTo(before);

        // another user may use the same name
        assertThat(create(someUser(), "Pets").code()).isEqualTo(201);
    }

    @Test
    void refusesBadInputAndOtherUsersCategories() {
        TestUser alice = someUser();
        long before = eventCount();
        Api.Response blank = api.post("/api/v1/categories").as(alice).body(Map.of("name", " ", "kind", "EXPENSE")).send();
        assertThat(blank.code()).isEqualTo(400);
        assertThat(blank.body().path("errors").get(0).path("field").asText()).isEqualTo("name");
        Api.Response badKind = api.post("/api/v1/categories").as(alice).body(Map.of("name", "X", "kind", "SPENDING")).send();
        assertThat(badKind.code()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);

        String id = create(alice, "Books").text("id");
        TestUser mallory = someUser();
        assertThat(api.patch("/api/v1/categories/" + id).as(mallory).body(Map.of("name", "Mine")).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/categories/" + id + "/archive").as(mallory).send().code()).isEqualTo(404);
        assertThat(eventTypes(id)).containsExactly("CategoryCreated");
    }
}
