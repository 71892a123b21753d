package dev.tally.command.account;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.RepeatedTest;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing an empty account while an expense is being recorded on it: whichever wins, the other is refused, and the
 * ledger never shows a closed account with money moved after its closing.
 */
class ClosingRaceTest extends CommandApiTest {

    @RepeatedTest(10)
    void closeAndRecordNeverBothSucceed() throws Exception {
        TestUser alice = someUser();
        String account = api.post("/api/v1/accounts").as(alice)
                .body(Map.of("name", "Race", "type", "CASH", "currency", "EUR")).send().text("id");
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Api.Response> close = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.post("/api/v1/accounts/" + account + "/close").as(alice).send();
        });
        CompletableFuture<Api.Response> spend = CompletableFuture.supplyAsync(() -> {
            await(start);
            return api.post("/api/v1/transactions").as(alice)
                    .body(Map.of("type", "EXPENSE", "accountId", account, "amount", "5.00")).send();
        });

        boolean closed = close.get().code() == 200;
        boolean spent = spend.get().code() == 201;
        assertThat(closed && spent).as("close %s, spend %s", close.get(), spend.get()).isFalse();
        assertThat(closed || spent).as("close %s, spend %s", close.get(), spend.get()).isTrue();

        boolean ledgerClosed = jdbc.sql("SELECT closed FROM account_ledger WHERE account_id = ?").param(account)
                .query(Boolean.class).single();
        assertThat(ledgerClosed).isEqualTo(closed);
        assertThat(balance(account)).isEqualTo(spent ? -500L : 0L);
        assertThat(eventTypes(account)).containsExactlyElementsOf(closed
                ? java.util.List.of("AccountOpened", "AccountClosed") : java.util.List.of("AccountOpened", "AccountBalanceChanged"));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
