package dev.tally.command.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole command side as a user drives it over HTTP against PostgreSQL: register, sign in, open an account, record,
 * amend, delete and restore an expense, share it with a friend who comments, and get a budget alert.
 */
class UserJourneyTest extends CommandApiTest {

    private record Session(String userId, String token, String email) {
    }

    private Session registerAndSignIn(String name) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        Api.Response registered = api.post("/api/v1/auth/register")
                .body(Map.of("email", email, "password", "a long passphrase " + name, "displayName", name, "timeZone", "Europe/Paris"))
                .send();
        assertThat(registered.code()).as(registered.toString()).isEqualTo(202);
        Api.Response login = api.post("/api/v1/auth/login").body(Map.of("email", email, "password", "a long passphrase " + name)).send();
        assertThat(login.code()).as(login.toString()).isEqualTo(200);
        return new Session(login.body().path("user").path("id").asText(), login.text("accessToken"), email);
    }

    private JsonNode ok(Api.Response response, int status) {
        assertThat(response.code()).as(response.toString()).isEqualTo(status);
        return response.body();
    }

    private String defaultCategory(String userId, String name) {
        return jdbc.sql("SELECT category_id FROM category_directory WHERE owner_id = ? AND name = ?").params(userId, name)
                .query(String.class).single();
    }

    @Test
    void aUsersWholeJourney() {
        Session ada = registerAndSignIn("Ada");
        Session bob = registerAndSignIn("Bob");
        String groceries = defaultCategory(ada.userId(), "Groceries");

        String account = ok(api.post("/api/v1/accounts").token(ada.token())
                .body(Map.of("name", "Current", "type", "BANK", "currency", "EUR", "openingBalance", "500")).send(), 201).path("id").asText();

        String today = LocalDate.now(java.time.ZoneId.of("Europe/Paris")).toString(); // the budget counts in Ada's time zone
        String budget = ok(api.post("/api/v1/budgets").token(ada.token())
                .body(Map.of("name", "Food", "categoryId", groceries, "period", "MONTHLY", "limit", "100.00", "currency", "EUR")).send(), 201).path("id").asText();

        String expense = ok(api.post("/api/v1/transactions").token(ada.token()).idempotencyKey("receipt-1")
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", "30.00", "categoryId", groceries, "date", today)).send(), 201)
                .path("id").asText();
        ok(api.patch("/api/v1/transactions/" + expense).token(ada.token()).ifMatch(0).body(Map.of("amount", "60.00")).send(), 200);
        ok(api.delete("/api/v1/transactions/" + expense).token(ada.token()).ifMatch(1).send(), 200);
        ok(api.post("/api/v1/transactions/" + expense + "/restore").token(ada.token()).ifMatch(2).send(), 200);

        ok(api.put("/api/v1/transactions/" + expense + "/split").token(ada.token())
                .body(Map.of("method", "EQUAL", "participants", List.of(Map.of("userId", ada.userId()), Map.of("userId", bob.userId())))).send(), 200);
        ok(api.post("/api/v1/transactions/" + expense + "/comments").token(bob.token()).body(Map.of("text", "I owe you 30")).send(), 201);
        assertThat(api.patch("/api/v1/transactions/" + expense).token(bob.token()).body(Map.of("amount", "1")).send().code()).isEqualTo(403);

        assertThat(eventTypes(expense)).containsExactly("TransactionRecorded", "TransactionAmended", "TransactionDeleted",
                "TransactionRestored", "ExpenseShared", "ExpenseCommented");
        assertThat(balance(account)).isEqualTo(440_00);

        // 60 of 100 spent: the 50 % alert, once, from the budget process manager
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(eventTypes(budget)).contains("BudgetThresholdReached"));
        assertThat(eventTypes(budget).stream().filter("BudgetThresholdReached"::equals)).hasSize(1);

        // the audit trail says who did what
        String commentMetaData = new String(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%ExpenseCommented'")
                .param(expense).query(byte[].class).single(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(commentMetaData).contains(bob.userId()).contains("correlationId");
    }
}
