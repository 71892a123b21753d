package dev.tally.command.dispatch;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands that wait together commit together, each answered only after that commit, and none pays for another's
 * refusal. The committer (one here) is held on a command of the test's own until the commands under test have queued
 * behind it, so they form one group whatever the machine's timing.
 */
@Import(GroupCommitTest.Holding.class)
@TestPropertySource(properties = {"tally.command.group-commit.threads=1", "tally.command.group-commit.queue-limit=12"})
class GroupCommitTest extends CommandApiTest {

    @Autowired
    GroupCommit groupCommit;
    @Autowired
    Holder holder;

    @AfterEach
    void release() {
        holder.release();
    }

    @Test
    void commandsQueuedTogetherCommitInOneTransactionAndAreAnsweredAfterIt() {
        TestUser ada = someUser();
        String account = account(ada);
        holdTheCommitter(ada);

        List<CompletableFuture<Api.Response>> expenses = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> expense(ada, account, "1.0" + i))).toList();
        awaitQueued(8);
        holder.release();

        List<String> ids = new ArrayList<>();
        for (CompletableFuture<Api.Response> expense : expenses) {
            Api.Response response = expense.join();
            assertThat(response.code()).as(response.toString()).isEqualTo(201);
            ids.add(response.text("id"));
            assertThat(eventTypes(response.text("id"))).as("committed before the answer").containsExactly("TransactionRecorded");
        }
        assertThat(transactionsThatAppended(ids)).as("one commit for the group").isEqualTo(1);
        assertThat(balance(account)).isEqualTo(100_000 - (100 + 101 + 102 + 103 + 104 + 105 + 106 + 107));
        assertThat(eventTypes(account)).filteredOn("AccountBalanceChanged"::equals).hasSize(8);
    }

    @Test
    void aRefusedCommandChangesNothingAndTheRestOfItsGroupCommits() {
        TestUser ada = someUser();
        TestUser eve = someUser();
        String account = account(ada);
        String evesAccount = account(eve);
        holdTheCommitter(ada);

        CompletableFuture<Api.Response> first = CompletableFuture.supplyAsync(() -> expense(ada, account, "2.00"));
        awaitQueued(1);
        CompletableFuture<Api.Response> refused = CompletableFuture.supplyAsync(() -> expense(ada, evesAccount, "3.00"));
        awaitQueued(2);
        CompletableFuture<Api.Response> last = CompletableFuture.supplyAsync(() -> expense(ada, account, "4.00"));
        awaitQueued(3);
        long before = eventCount();
        holder.release();

        assertThat(first.join().code()).isEqualTo(201);
        assertThat(refused.join().code()).isEqualTo(422);
        assertThat(refused.join().body().toString()).contains("accountId");
        assertThat(last.join().code()).isEqualTo(201);
        assertThat(eventCount() - before).as("two expenses and their postings, nothing of the refused one").isEqualTo(4);
        assertThat(transactionsThatAppended(List.of(first.join().text("id"), last.join().text("id")))).isEqualTo(1);
        assertThat(balance(account)).isEqualTo(100_000 - 600);
        assertThat(balance(evesAccount)).isEqualTo(100_000);
    }

    /**
     * Closing an account and recording on it in the same group passes each handler (the account is still open when the
     * expense is checked) but fails the group's commit at the posting: the group is rolled back and each command runs
     * alone, so only the expense on the closed account is refused.
     */
    @Test
    void aGroupThatFailsToCommitIsRunAgainOneCommandAtATime() {
        TestUser ada = someUser();
        String account = account(ada);
        String emptied = api.post("/api/v1/accounts").as(ada)
                .body(Map.of("name", "To close", "type", "CASH", "currency", "EUR")).send().text("id");
        holdTheCommitter(ada);

        CompletableFuture<Api.Response> kept = CompletableFuture.supplyAsync(() -> expense(ada, account, "5.00"));
        awaitQueued(1);
        CompletableFuture<Api.Response> close = CompletableFuture.supplyAsync(() -> api.post("/api/v1/accounts/" + emptied + "/close").as(ada).send());
        awaitQueued(2);
        CompletableFuture<Api.Response> onClosed = CompletableFuture.supplyAsync(() -> expense(ada, emptied, "0.01"));
        awaitQueued(3);
        holder.release();

        assertThat(kept.join().code()).isEqualTo(201);
        assertThat(close.join().code()).isEqualTo(200);
        assertThat(onClosed.join().code()).as(onClosed.join().toString()).isEqualTo(422);
        assertThat(eventTypes(emptied)).containsExactly("AccountOpened", "AccountClosed");
        assertThat(balance(account)).isEqualTo(100_000 - 500);
    }

    @Test
    void beyondTheQueueLimitCommandsAreRefusedAtOnceWith503AndRetryAfter() {
        TestUser ada = someUser();
        String account = account(ada);
        holdTheCommitter(ada);
        List<CompletableFuture<Api.Response>> queued = IntStream.range(0, 12)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> expense(ada, account, "1.00"))).toList();
        awaitQueued(12);
        long before = eventCount();

        Api.Response shed = expense(ada, account, "1.00");

        assertThat(shed.code()).isEqualTo(503);
        assertThat(shed.headers().getFirst("Retry-After")).isEqualTo("1");
        assertThat(shed.text("code")).isEqualTo("commands_queued");
        assertThat(eventCount()).isEqualTo(before);
        holder.release();
        queued.forEach(q -> assertThat(q.join().code()).isEqualTo(201));
    }

    private String account(TestUser user) {
        Api.Response response = api.post("/api/v1/accounts").as(user)
                .body(Map.of("name", "Main", "type", "BANK", "currency", "EUR", "openingBalance", "1000.00")).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private Api.Response expense(TestUser user, String account, String amount) {
        return api.post("/api/v1/transactions").as(user)
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", amount)).send();
    }

    /** Occupies the committer until {@link Holder#release()}; the commands sent meanwhile queue behind it. */
    private void holdTheCommitter(TestUser user) {
        holder.arm();
        CompletableFuture.runAsync(() -> groupCommit.sendAndWait(user.userId(),
                GenericCommandMessage.asCommandMessage(new Hold())));
        await().atMost(Duration.ofSeconds(10)).until(holder::holding);
    }

    private void awaitQueued(int commands) {
        await().atMost(Duration.ofSeconds(10)).until(() -> groupCommit.queued() >= commands);
    }

    /** Rows inserted by one transaction share its id ({@code xmin}): how many transactions appended these aggregates' events. */
    private long transactionsThatAppended(List<String> aggregateIds) {
        return jdbc.sql("SELECT COUNT(DISTINCT xmin::text) FROM domain_event_entry WHERE aggregate_identifier IN (:ids)")
                .param("ids", aggregateIds).query(Long.class).single();
    }

    record Hold() {
    }

    static final class Holder {
        private volatile CountDownLatch release = new CountDownLatch(0);
        private volatile boolean holding;

        void arm() {
            release = new CountDownLatch(1);
        }

        @CommandHandler
        void handle(Hold command) throws InterruptedException {
            holding = true;
            try {
                release.await(30, TimeUnit.SECONDS);
            } finally {
                holding = false;
            }
        }

        boolean holding() {
            return holding;
        }

        void release() {
            release.countDown();
        }
    }

    @TestConfiguration
    static class Holding {
        @Bean
        Holder holder() {
            return new Holder();
        }
    }
}
