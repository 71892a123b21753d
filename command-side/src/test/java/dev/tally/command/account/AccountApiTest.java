package dev.tally.command.account;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AccountApiTest extends CommandApiTest {

    private Api.Response open(TestUser user, Map<String, Object> body) {
        return api.post("/api/v1/accounts").as(user).body(body).send();
    }

    private String openWallet(TestUser user, String openingBalance) {
        Api.Response response = open(user, Map.of("name", "Wallet", "type", "CASH", "currency", "EUR", "openingBalance", openingBalance));
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    @Test
    void opensAnAccountAsAStoredEvent() {
        TestUser alice = someUser();
        Api.Response response = open(alice, Map.of("name", "Main", "type", "BANK", "currency", "JPY", "openingBalance", "1500"));

        assertThat(response.code()).isEqualTo(201);
        assertThat(response.headers().getETag()).isEqualTo("\"0\"");
        assertThat(response.headers().getLocation()).hasToString("/api/v1/accounts/" + response.text("id"));
        assertThat(eventTypes(response.text("id"))).containsExactly("AccountOpened");
        assertThat(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(response.text("id")).query(byte[].class).single())
                .asString().contains("\"userId\":\"" + alice.userId() + "\"").contains("correlationId");
    }

    @Test
    void refusesBadInputWithTheFieldsAtFault() {
        TestUser alice = someUser();
        long before = eventCount();

        Api.Response missing = open(alice, Map.of("type", "CASH"));
        assertThat(missing.code()).isEqualTo(400);
        assertThat(missing.headers().getContentType()).hasToString("application/problem+json");
        assertThat(missing.body().path("errors").findValuesAsText("field")).containsExactly("currency", "name");

        Api.Response badType = open(alice, Map.of("name", "X", "type", "SOFA", "currency", "EUR"));
        assertThat(badType.code()).isEqualTo(400);
        assertThat(badType.body().path("errors").get(0).path("field").asText()).isEqualTo("type");

        Api.Response tooPrecise = open(alice, Map.of("name", "X", "type", "CASH", "currency", "EUR", "openingBalance", "1.234"));
        assertThat(tooPrecise.code()).isEqualTo(422);
        assertThat(tooPrecise.body().path("errors").get(0).path("field").asText()).isEqualTo("openingBalance");

        Api.Response unknownCurrency = open(alice, Map.of("name", "X", "type", "CASH", "currency", "ABC"));
        assertThat(unknownCurrency.code()).isEqualTo(422);
        assertThat(unknownCurrency.body().path("errors").get(0).path("field").asText()).isEqualTo("currency");

        Api.Response notJson = api.post("/api/v1/accounts").as(alice).body("{not json").send();
        assertThat(notJson.code()).isEqualTo(400);
        assertThat(notJson.body().toString()).doesNotContain("Exception").doesNotContain("at dev.");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void needsAValidToken() {
        Api.Response none = api.post("/api/v1/accounts").body(Map.of("name", "X", "type", "CASH", "currency", "EUR")).send();
        assertThat(none.code()).isEqualTo(401);
        assertThat(none.text("code")).isEqualTo("unauthorized");

        Api.Response forged = api.post("/api/v1/accounts").token("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
                .body(Map.of("name", "X", "type", "CASH", "currency", "EUR")).send();
        assertThat(forged.code()).isEqualTo(401);
    }

    @Test
    void renamesWithTheExpectedVersionAndRefusesAStaleOne() {
        TestUser alice = someUser();
        String account = openWallet(alice, "0");

        Api.Response renamed = api.patch("/api/v1/accounts/" + account).as(alice).ifMatch(0).body(Map.of("name", "Pocket")).send();
        assertThat(renamed.code()).isEqualTo(200);
        assertThat(renamed.headers().getETag()).isEqualTo("\"1\"");

        Api.Response stale = api.patch("/api/v1/accounts/" + account).as(alice).ifMatch(0).body(Map.of("name", "Purse")).send();
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.text("code")).isEqualTo("stale_version");
        assertThat(eventTypes(account)).containsExactly("AccountOpened", "AccountRenamed");
    }

    @Test
    void anotherUsersAccountIsNotFound() {
        TestUser alice = someUser();
        TestUser mallory = someUser();
        String account = openWallet(alice, "0");

        assertThat(api.patch("/api/v1/accounts/" + account).as(mallory).body(Map.of("name", "Mine")).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/accounts/" + account + "/close").as(mallory).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/accounts/does-not-exist/close").as(alice).send().code()).isEqualTo(404);
        assertThat(eventTypes(account)).containsExactly("AccountOpened");
    }

    @Test
    void closesOnlyWhenEmpty() {
        TestUser alice = someUser();
        String full = openWallet(alice, "25.00");
        String empty = openWallet(alice, "0");

        Api.Response refused = api.post("/api/v1/accounts/" + full + "/close").as(alice).send();
        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("account_not_empty");
        assertThat(eventTypes(full)).containsExactly("AccountOpened");

        assertThat(api.post("/api/v1/accounts/" + empty + "/close").as(alice).send().code()).isEqualTo(200);
        assertThat(eventTypes(empty)).containsExactly("AccountOpened", "AccountClosed");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstAnswerAndAppendsNothing() {
        TestUser alice = someUser();
        Map<String, Object> body = Map.of("name", "Savings", "type", "BANK", "currency", "EUR");

        Api.Response first = api.post("/api/v1/accounts").as(alice).idempotencyKey("open-savings-1").body(body).send();
        long after = eventCount();
        Api.Response again = api.post("/api/v1/accounts").as(alice).idempotencyKey("open-savings-1").body(body).send();

        assertThat(first.code()).isEqualTo(201);
        assertThat(again.code()).as(again.toString()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(eventCount()).isEqualTo(after);

        Api.Response reused = api.post("/api/v1/accounts").as(alice).idempotencyKey("open-savings-1")
                .body(Map.of("name", "Other", "type", "BANK", "currency", "EUR")).send();
        assertThat(reused.code()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
        assertThat(eventCount()).isEqualTo(after);

        // keys are per user: another user's identical key is a different request
        Api.Response otherUser = api.post("/api/v1/accounts").as(someUser()).idempotencyKey("open-savings-1").body(body).send();
        assertThat(otherUser.code()).isEqualTo(201);
        assertThat(otherUser.text("id")).isNotEqualTo(first.text("id"));
    }

    @Test
    void aRepeatedRenameWithItsKeyAnswersTheSameVersion() {
        TestUser alice = someUser();
        String account = openWallet(alice, "0");
        Api.Response first = api.patch("/api/v1/accounts/" + account).as(alice).ifMatch(0).idempotencyKey("rename-1").body(Map.of("name", "A")).send();
        Api.Response again = api.patch("/api/v1/accounts/" + account).as(alice).ifMatch(0).idempotencyKey("rename-1").body(Map.of("name", "A")).send();
        assertThat(first.code()).isEqualTo(200);
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.version()).isEqualTo(first.version()).isEqualTo(1);
        assertThat(eventTypes(account)).containsExactly("AccountOpened", "AccountRenamed");
    }
}
