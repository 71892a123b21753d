package dev.tally.command.expense;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sharing an expense with registered people, who then may comment on it, over HTTP against PostgreSQL. */
class SharingApiTest extends CommandApiTest {

    private String expense(TestUser payer, String amount) {
        String account = api.post("/api/v1/accounts").as(payer).body(Map.of("name", "Card", "type", "CARD", "currency", "EUR")).send().text("id");
        Api.Response recorded = api.post("/api/v1/transactions").as(payer)
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", amount, "description", "Dinner")).send();
        assertThat(recorded.code()).as(recorded.toString()).isEqualTo(201);
        return recorded.text("id");
    }

    private String sharesStored(String transactionId) {
        return new String(jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ExpenseShared' ORDER BY sequence_number DESC LIMIT 1")
                .param(transactionId).query(byte[].class).single(), StandardCharsets.UTF_8);
    }

    @Test
    void sharesWithPeopleByIdThenWithThemByEmailAndTheyComment() {
        RegisteredUser ada = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        RegisteredUser carol = RealUsers.registerAndLogIn(api);
        String lunch = expense(ada.testUser(), "10.00");
        assertThat(api.put("/api/v1/transactions/" + lunch + "/split").as(ada.testUser()).body(Map.of("method", "EQUAL",
                "participants", List.of(Map.of("email", ada.email()), Map.of("userId", bob.userId()), Map.of("userId", carol.userId()))))
                .send().code()).isEqualTo(200);
        String dinner = expense(ada.testUser(), "100.00");

        // people Ada shares with may now be named by email, in any case
        Api.Response shared = api.put("/api/v1/transactions/" + dinner + "/split").as(ada.testUser()).ifMatch(0)
                .body(Map.of("method", "SHARES", "participants", List.of(
                        Map.of("userId", ada.userId(), "value", "1"),
                        Map.of("email", bob.email().toUpperCase(), "value", "1"),
                        Map.of("email", carol.email(), "value", "1")))).send();
        assertThat(shared.code()).as(shared.toString()).isEqualTo(200);
        assertThat(sharesStored(dinner)).contains("\"amount\":\"33.34\"").contains(bob.userId()).contains(carol.userId());

        assertThat(api.post("/api/v1/transactions/" + dinner + "/comments").as(bob.testUser()).body(Map.of("text", "Thanks Ada")).send().code()).isEqualTo(201);
        assertThat(api.post("/api/v1/transactions/" + dinner + "/comments").as(carol.testUser()).body(Map.of("text", "Paid you")).send().code()).isEqualTo(201);

        Api.Response bobChanges = api.patch("/api/v1/transactions/" + dinner).as(bob.testUser()).body(Map.of("amount", "1")).send();
        assertThat(bobChanges.code()).isEqualTo(403);
        assertThat(bobChanges.text("code")).isEqualTo("not_the_payer");

        assertThat(api.delete("/api/v1/transactions/" + dinner + "/split").as(ada.testUser()).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/transactions/" + dinner + "/comments").as(bob.testUser()).body(Map.of("text", "Still here?")).send().code())
                .isEqualTo(404);
        assertThat(eventTypes(dinner)).containsExactly("TransactionRecorded", "ExpenseShared", "ExpenseCommented", "ExpenseCommented", "ExpenseUnshared");
    }

    @Test
    void refusesUnknownPeopleAndSplitsThatDoNotAddUpAndChangesNothing() {
        RegisteredUser ada = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        String dinner = expense(ada.testUser(), "50.00");
        long before = eventCount();

        Api.Response unknown = api.put("/api/v1/transactions/" + dinner + "/split").as(ada.testUser())
                .body(Map.of("method", "EQUAL", "participants", List.of(Map.of("userId", bob.userId()), Map.of("email", "nobody@example.com"),
                        Map.of("value", "1"), Map.of("userId", "no-such-user")))).send();
        assertThat(unknown.code()).isEqualTo(422);
        assertThat(unknown.text("code")).isEqualTo("unknown_participant");
        assertThat(unknown.body().path("errors").findValuesAsText("field")).containsExactly("participants[1]", "participants[2]", "participants[3]");

        Api.Response notAddingUp = api.put("/api/v1/transactions/" + dinner + "/split").as(ada.testUser())
                .body(Map.of("method", "EXACT", "participants", List.of(Map.of("userId", ada.userId(), "value", "30"),
                        Map.of("userId", bob.userId(), "value", "10")))).send();
        assertThat(notAddingUp.code()).isEqualTo(422);
        assertThat(notAddingUp.text("code")).isEqualTo("invalid_split");
        assertThat(notAddingUp.body().path("errors").get(0).path("message").asText()).contains("40.00 EUR").contains("50.00 EUR");

        Api.Response noMethod = api.put("/api/v1/transactions/" + dinner + "/split").as(ada.testUser())
                .body(Map.of("participants", List.of(Map.of("userId", bob.userId())))).send();
        assertThat(noMethod.code()).isEqualTo(400);

        Api.Response strangerShares = api.put("/api/v1/transactions/" + dinner + "/split").as(bob.testUser())
                .body(Map.of("method", "EQUAL", "participants", List.of(Map.of("userId", bob.userId()), Map.of("userId", ada.userId())))).send();
        assertThat(strangerShares.code()).isEqualTo(404);

        assertThat(eventCount()).isEqualTo(before);
    }

    /** Finding 7: sharing by email must not tell whether an address is registered. */
    @Test
    void anEmailOfSomeoneYouDoNotShareWithGetsTheSameAnswerAsAnUnregisteredOne() {
        RegisteredUser ada = RealUsers.registerAndLogIn(api);
        RegisteredUser stranger = RealUsers.registerAndLogIn(api);
        String dinner = expense(ada.testUser(), "50.00");
        long before = eventCount();

        Api.Response registered = api.put("/api/v1/transactions/" + dinner + "/split").as(ada.testUser())
                .body(Map.of("method", "EQUAL", "participants", List.of(Map.of("email", stranger.email())))).send();
        Api.Response unregistered = api.put("/api/v1/transactions/" + dinner + "/split").as(ada.testUser())
                .body(Map.of("method", "EQUAL", "participants", List.of(Map.of("email", RealUsers.newEmail())))).send();

        assertThat(registered.code()).isEqualTo(422);
        com.fasterxml.jackson.databind.JsonNode registeredAnswer = registered.body();
        assertThat(registeredAnswer).isEqualTo(unregistered.body());
        assertThat(eventCount()).isEqualTo(before);
    }
}
