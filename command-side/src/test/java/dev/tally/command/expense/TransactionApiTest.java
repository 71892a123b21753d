package dev.tally.command.expense;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionApiTest extends CommandApiTest {

    private String account(TestUser user, String currency, String opening) {
        Api.Response response = api.post("/api/v1/accounts").as(user)
                .body(Map.of("name", "Account " + currency, "type", "BANK", "currency", currency, "openingBalance", opening)).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private Api.Response record(TestUser user, Map<String, Object> body) {
        return api.post("/api/v1/transactions").as(user).body(body).send();
    }

    private static Map<String, Object> expense(String accountId, String amount, String categoryId) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "EXPENSE", "accountId", accountId, "amount", amount,
                "date", "2026-11-20", "description", "Weekly shop", "merchant", "Market", "tags", List.of("home")));
        if (categoryId != null) {
            body.put("categoryId", categoryId);
        }
        return body;
    }

    @Test
    void aForeignCurrencyExpenseKeepsItsOriginalAmountAndRate() {
        TestUser alice = someUser();
        String dollars = account(alice, "USD", "500.00");
        Map<String, Object> hotel = expense(dollars, "42.10", null);
        hotel.put("originalAmount", Map.of("amount", "36.00", "currency", "GBP"));
        hotel.put("exchangeRate", "1.1694");
        Api.Response recorded = record(alice, hotel);
        assertThat(recorded.code()).as(recorded.toString()).isEqualTo(201);
        String stored = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(recorded.text("id")).query(String.class).single();
        assertThat(stored).contains("\"originalAmount\":{\"amount\":\"36.00\",\"currency\":\"GBP\"}").contains("\"exchangeRate\":1.1694");

        long before = eventCount();
        hotel.put("exchangeRate", "1.2");
        Api.Response refused = record(alice, hotel);
        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.body().path("errors").findValuesAsText("field")).containsExactly("exchangeRate");
        assertThat(refused.body().path("errors").findValuesAsText("message"))
                .containsExactly("36.00 GBP at 1.2 is 43.20 USD, not the amount 42.10 USD");
        hotel.remove("originalAmount");
        assertThat(record(alice, hotel).code()).as("a rate without a foreign amount").isEqualTo(422);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(balance(dollars)).isEqualTo(45790);
    }

    @Test
    void recordAmendDeleteRestoreMovesTheBalance() {
        TestUser alice = someUser();
        String wallet = account(alice, "EUR", "100.00");
        String groceries = category(alice, "Groceries", "EXPENSE");

        Api.Response recorded = record(alice, expense(wallet, "12.34", groceries));
        assertThat(recorded.code()).as(recorded.toString()).isEqualTo(201);
        String tx = recorded.text("id");
        assertThat(balance(wallet)).isEqualTo(100_00 - 12_34);

        Api.Response amended = api.patch("/api/v1/transactions/" + tx).as(alice).ifMatch(0).body(Map.of("amount", "20", "merchant", "")).send();
        assertThat(amended.code()).as(amended.toString()).isEqualTo(200);
        assertThat(amended.headers().getETag()).isEqualTo("\"1\"");
        assertThat(balance(wallet)).isEqualTo(80_00);

        assertThat(api.delete("/api/v1/transactions/" + tx).as(alice).ifMatch(1).send().code()).isEqualTo(200);
        assertThat(balance(wallet)).isEqualTo(100_00);
        assertThat(api.post("/api/v1/transactions/" + tx + "/restore").as(alice).ifMatch(2).send().code()).isEqualTo(200);
        assertThat(balance(wallet)).isEqualTo(80_00);

        assertThat(eventTypes(tx)).containsExactly("TransactionRecorded", "TransactionAmended", "TransactionDeleted", "TransactionRestored");
    }

    @Test
    void aTransferChangesBothBalancesAndIncomeAddsUp() {
        TestUser alice = someUser();
        String bank = account(alice, "EUR", "500");
        String cash = account(alice, "EUR", "0");
        String salary = category(alice, "Salary", "INCOME");

        assertThat(record(alice, Map.of("type", "TRANSFER", "accountId", bank, "toAccountId", cash, "amount", "120.50")).code()).isEqualTo(201);
        assertThat(record(alice, Map.of("type", "INCOME", "accountId", bank, "amount", "1000", "categoryId", salary)).code()).isEqualTo(201);

        assertThat(balance(bank)).isEqualTo(500_00 - 120_50 + 1000_00);
        assertThat(balance(cash)).isEqualTo(120_50);
        // each account's own history shows every posting
        assertThat(eventTypes(bank)).containsExactly("AccountOpened", "AccountBalanceChanged", "AccountBalanceChanged");
        assertThat(eventTypes(cash)).containsExactly("AccountOpened", "AccountBalanceChanged");
    }

    @Test
    void aBusyAccountIsLoadedFromASnapshotAndKeepsCounting() {
        TestUser alice = someUser();
        String wallet = account(alice, "EUR", "0");
        for (int i = 0; i < 105; i++) {
            assertThat(record(alice, Map.of("type", "INCOME", "accountId", wallet, "amount", "1.00")).code()).isEqualTo(201);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?").param(wallet)
                        .query(Long.class).single()).isPositive());
        assertThat(record(alice, Map.of("type", "EXPENSE", "accountId", wallet, "amount", "105.00")).code()).isEqualTo(201);
        assertThat(balance(wallet)).isZero();
        assertThat(api.post("/api/v1/accounts/" + wallet + "/close").as(alice).send().code()).isEqualTo(200);
    }

    @Test
    void closingNeedsAZeroBalanceWhichTransactionsCanReach() {
        TestUser alice = someUser();
        String wallet = account(alice, "EUR", "30");
        assertThat(api.post("/api/v1/accounts/" + wallet + "/close").as(alice).send().code()).isEqualTo(422);
        assertThat(record(alice, expense(wallet, "30", null)).code()).isEqualTo(201);
        assertThat(api.post("/api/v1/accounts/" + wallet + "/close").as(alice).send().code()).isEqualTo(200);

        long before = eventCount();
        Api.Response onClosed = record(alice, expense(wallet, "1", null));
        assertThat(onClosed.code()).isEqualTo(422);
        assertThat(onClosed.body().path("errors").findValuesAsText("field")).containsExactly("accountId");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void badInputNamesEveryFieldAtFaultAndChangesNothing() {
        TestUser alice = someUser();
        String wallet = account(alice, "EUR", "10");
        long before = eventCount();

        Api.Response missing = record(alice, Map.of("type", "EXPENSE"));
        assertThat(missing.code()).isEqualTo(400);
        assertThat(missing.body().path("errors").findValuesAsText("field")).containsExactly("accountId", "amount");

        Api.Response rules = record(alice, Map.of("type", "EXPENSE", "accountId", wallet, "amount", "1.999", "categoryId", "nope", "date", "1850-01-01"));
        assertThat(rules.code()).isEqualTo(422);
        assertThat(rules.body().path("errors").findValuesAsText("field")).containsExactly("amount", "categoryId", "date");

        Api.Response badDate = record(alice, Map.of("type", "EXPENSE", "accountId", wallet, "amount", "1", "date", "yesterday"));
        assertThat(badDate.code()).isEqualTo(400);
        assertThat(badDate.body().path("errors").findValuesAsText("field")).containsExactly("date");

        Api.Response badType = record(alice, Map.of("type", "GIFT", "accountId", wallet, "amount", "1"));
        assertThat(badType.code()).isEqualTo(400);

        // past 15 digits of minor units: such sums would overflow a balance or a budget's spending
        Api.Response tooLarge = record(alice, Map.of("type", "EXPENSE", "accountId", wallet, "amount", "92233720368547758.07"));
        assertThat(tooLarge.code()).as(tooLarge.toString()).isEqualTo(422);
        assertThat(tooLarge.body().path("errors").findValuesAsText("message")).containsExactly("amount is too large: at most 9999999999999.99 EUR");
        Api.Response tooLargeOpening = api.post("/api/v1/accounts").as(alice)
                .body(Map.of("name", "Vault", "type", "BANK", "currency", "EUR", "openingBalance", "-10000000000000.00")).send();
        assertThat(tooLargeOpening.code()).as(tooLargeOpening.toString()).isEqualTo(422);
        assertThat(tooLargeOpening.text("code")).isEqualTo("invalid_amount");

        assertThat(eventCount()).isEqualTo(before);
        assertThat(balance(wallet)).isEqualTo(10_00);
    }

    @Test
    void anAmendmentChecksItsTextsAndKeepsTheType() {
        TestUser alice = someUser();
        String wallet = account(alice, "EUR", "10");
        String tx = record(alice, expense(wallet, "1", null)).text("id");

        Api.Response longTag = api.patch("/api/v1/transactions/" + tx).as(alice).body(Map.of("tags", List.of("x".repeat(41)))).send();
        assertThat(longTag.code()).as(longTag.toString()).isEqualTo(400);
        assertThat(eventTypes(tx)).containsExactly("TransactionRecorded");

        Api.Response typed = api.patch("/api/v1/transactions/" + tx).as(alice).body(Map.of("type", "INCOME", "amount", "2")).send();
        assertThat(typed.code()).as(typed.toString()).isEqualTo(200);
        assertThat(balance(wallet)).isEqualTo(8_00); // still an expense
    }

    @Test
    void staleVersionsConflictAndRepeatedKeysAppendNothing() {
        TestUser alice = someUser();
        String wallet = account(alice, "EUR", "0");
        Map<String, Object> body = expense(wallet, "5", null);

        Api.Response first = api.post("/api/v1/transactions").as(alice).idempotencyKey("k-1").body(body).send();
        long after = eventCount();
        Api.Response repeat = api.post("/api/v1/transactions").as(alice).idempotencyKey("k-1").body(body).send();
        assertThat(repeat.code()).isEqualTo(201);
        assertThat(repeat.text("id")).isEqualTo(first.text("id"));
        assertThat(eventCount()).isEqualTo(after);
        assertThat(balance(wallet)).isEqualTo(-5_00);

        String tx = first.text("id");
        assertThat(api.patch("/api/v1/transactions/" + tx).as(alice).ifMatch(0).body(Map.of("amount", "6")).send().code()).isEqualTo(200);
        Api.Response stale = api.patch("/api/v1/transactions/" + tx).as(alice).ifMatch(0).body(Map.of("amount", "7")).send();
        assertThat(stale.code()).isEqualTo(409);
        assertThat(balance(wallet)).isEqualTo(-6_00);

        Api.Response badIfMatch = api.delete("/api/v1/transactions/" + tx).as(alice).header("If-Match", "yesterday").send();
        assertThat(badIfMatch.code()).isEqualTo(422);
        assertThat(eventTypes(tx)).containsExactly("TransactionRecorded", "TransactionAmended");
    }

    @Test
    void anotherUsersTransactionAndAccountsAreOutOfReach() {
        TestUser alice = someUser();
        TestUser mallory = someUser();
        String wallet = account(alice, "EUR", "50");
        String tx = record(alice, expense(wallet, "5", null)).text("id");

        assertThat(api.patch("/api/v1/transactions/" + tx).as(mallory).body(Map.of("amount", "1")).send().code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/transactions/" + tx).as(mallory).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/transactions/" + tx + "/restore").as(mallory).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/transactions/" + tx + "/comments").as(mallory).body(Map.of("text", "hi")).send().code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/transactions/no-such-id").as(alice).send().code()).isEqualTo(404);

        // Mallory cannot spend from Alice's account either
        Api.Response spend = record(mallory, expense(wallet, "5", null));
        assertThat(spend.code()).isEqualTo(422);
        assertThat(spend.body().path("errors").findValuesAsText("field")).containsExactly("accountId");

        assertThat(eventTypes(tx)).containsExactly("TransactionRecorded");
        assertThat(balance(wallet)).isEqualTo(45_00);
    }
}
