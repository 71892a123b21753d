package dev.tally.query;

import dev.tally.platform.test.RedisTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedEvents;
import dev.tally.api.money.Money;
import dev.tally.query.budget.Budget;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static dev.tally.query.support.Domain.expense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The per-user feed: who gets which entry, in what order, and the live signals after commit. */
class FeedTest extends QueryTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    dev.tally.query.projection.ProjectionHealth health;
    @org.springframework.beans.factory.annotation.Autowired
    io.micrometer.core.instrument.MeterRegistry meters;


    private static final LocalDate DAY = LocalDate.of(2026, 11, 10);

    private static Share share(String user, String amount) {
        return new Share(user, Money.parse(amount, "EUR"), null);
    }

    @Test
    void aSharedExpenseGivesOneEntryPerConcernedUserAndNoneToOthers() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String carol = d.user("Carol");
        String dave = d.user("Dave");
        String account = d.account(alice, "Main", "100.00");
        String dinner = d.record(alice, expense(account, "90.00", null, DAY, "Dinner", "Trattoria", List.of()));
        awaitProjected();
        int aliceBefore = feedSeqs(alice).size();

        d.share(dinner, SplitMethod.EQUAL, List.of(share(alice, "30.00"), share(bob, "30.00"), share(carol, "30.00")));
        awaitProjected();
        assertThat(feedEvents(alice).subList(aliceBefore, feedEvents(alice).size())).containsExactly("expense:updated");
        assertThat(feedEvents(bob)).containsExactly("expense:created", "notification");
        assertThat(feedEvents(carol)).containsExactly("expense:created", "notification");
        assertThat(feedEvents(dave)).isEmpty();
        assertThat(jdbc.queryForList("SELECT user_id FROM expense_member WHERE expense_id = ? ORDER BY user_id", String.class, dinner))
                .containsExactlyInAnyOrder(alice, bob, carol);
        JsonNode bobsView = json.readTree(jdbc.queryForObject(
                "SELECT payload FROM user_feed WHERE user_id = ? AND event = 'expense:created'", String.class, bob));
        assertThat(bobsView.get("id").asText()).isEqualTo(dinner);
        assertThat(bobsView.get("sharing").get("shares")).hasSize(3);

        d.comment(dinner, bob, "Thanks for dinner!");
        awaitProjected();
        assertThat(feedEvents(bob)).containsExactly("expense:created", "notification", "expense:updated"); // no notification of his own comment
        assertThat(feedEvents(carol)).containsExactly("expense:created", "notification", "expense:updated", "notification");
        assertThat(feedEvents(dave)).isEmpty();

        // re-split without carol: she is told it is gone and may no longer see it
        d.share(dinner, SplitMethod.EXACT, List.of(share(alice, "45.00"), share(bob, "45.00")));
        awaitProjected();
        assertThat(feedEvents(carol)).last().isEqualTo("expense:deleted");
        assertThat(json.readTree(jdbc.queryForObject("SELECT payload FROM user_feed WHERE user_id = ? ORDER BY seq DESC LIMIT 1",
                String.class, carol))).isEqualTo(json.readTree("{\"id\":\"" + dinner + "\",\"reason\":\"unshared\"}"));
        mvc.perform(as(carol, get("/api/v1/transactions/{id}", dinner))).andExpect(status().isNotFound());
        assertThat(jdbc.queryForList("SELECT user_id FROM expense_member WHERE expense_id = ?", String.class, dinner))
                .containsExactlyInAnyOrder(alice, bob);
        assertThat(feedEvents(dave)).isEmpty();

        JsonNode balances = getJson(bob, "/api/v1/shared/balances");
        assertThat(balances).hasSize(1);
        assertThat(balances.get(0).get("userId").asText()).isEqualTo(alice);
        assertThat(balances.get(0).get("amount").get("amount").asText()).isEqualTo("-45.00");
        assertThat(balances.get(0).get("direction").asText()).isEqualTo("you_owe");
        assertThat(getJson(alice, "/api/v1/shared/balances").get(0).get("amount").get("amount").asText()).isEqualTo("45.00");
        assertThat(getJson(carol, "/api/v1/shared/balances")).isEmpty();
        assertThat(getJson(bob, "/api/v1/shared/expenses?role=participating")).extracting(e -> e.get("id").asText()).containsExactly(dinner);
        assertThat(getJson(bob, "/api/v1/shared/expenses/{id}", dinner).get("sharing").get("comments").get(0).get("text").asText())
                .isEqualTo("Thanks for dinner!");
    }

    @Test
    void perUserSeqsHaveNoGapsUnderConcurrentProjectionOnSeveralSegments() throws Exception {
        Domain setup = new Domain(events());
        List<String> users = new ArrayList<>();
        Map<String, String> accounts = new java.util.HashMap<>();
        for (int i = 0; i < 6; i++) {
            String u = setup.user("User " + i);
            users.add(u);
        }
        awaitProjected();
        feedListener.received.clear();
        ExecutorService pool = Executors.newFixedThreadPool(users.size());
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            String owner = users.get(i);
            String friend = users.get((i + 1) % users.size());
            String other = users.get((i + 2) % users.size());
            work.add(pool.submit(() -> {
                Domain d = new Domain(events());
                String account = d.account(owner, "Main", "500.00");
                accounts.put(owner, account);
                for (int k = 0; k < 5; k++) {
                    String t = d.record(owner, expense(account, "10.0" + k, null, DAY, "Lunch " + k, "Canteen", List.of()));
                    d.share(t, SplitMethod.EQUAL, List.of(share(owner, "3.34"), share(friend, "3.33"), share(other, "3.33")));
                    d.amend(t, expense(account, "10.0" + k, null, DAY.plusDays(1), "Lunch " + k, "Canteen", List.of()));
                    d.comment(t, friend, "ok " + k);
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        pool.shutdown();
        awaitProjected();

        for (String user : users) {
            List<Long> seqs = feedSeqs(user);
            assertThat(seqs).isEqualTo(LongStream.rangeClosed(1, seqs.size()).boxed().toList());
            assertThat(jdbc.queryForObject("SELECT seq FROM user_feed_head WHERE user_id = ?", Long.class, user)).isEqualTo(seqs.size());
            // each of the user's own expenses: created before updated, in the feed's order
            List<Map<String, Object>> own = jdbc.queryForList("SELECT event, payload FROM user_feed WHERE user_id = ? AND event LIKE 'expense:%' ORDER BY seq", user);
            Map<String, String> firstEvent = new java.util.HashMap<>();
            for (var row : own) {
                String id = json.readTree((String) row.get("payload")).get("id").asText();
                firstEvent.putIfAbsent(id, (String) row.get("event"));
            }
            assertThat(firstEvent.values()).containsOnly("expense:created");
            // the in-process listener heard the same entries, each user's in seq order (it hears them after commit,
            // which can be a moment after the processor's token shows the events applied)
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(feedListener.received.stream()
                    .filter(e -> e.userId().equals(user)).map(FeedEntry::seq).toList()).isEqualTo(seqs));
        }
    }

    @Autowired
    private ReadModelChange change;
    @Autowired
    private EntityManager entityManager;

    private record Seen(String id) implements FeedEvents.AboutExpense {
    }

    /**
     * Two read-model batches for the same user, one holding a row (locked with SQL) that the other's entity change
     * must write: the second waits for the row without holding the feed's signal lock, so the first commits, then the
     * second, each with its feed entry in that order. (Were the entity written at the commit's flush, after the feed
     * took its lock, the first would wait for that lock and the second for its row: neither would ever commit.)
     */
    @Test
    void aBatchWaitingForAnotherBatchsRowDoesNotHoldTheFeedsLock() throws Exception {
        String user = id("u");
        String budget = id("b");
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(t -> entityManager.persist(new Budget(budget, user, "Food", null, PeriodType.MONTHLY,
                Money.parse("100.00", "EUR"), List.of(80), "UTC", 1)));
        CountDownLatch rowHeld = new CountDownLatch(1);
        CountDownLatch otherWaits = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> holder = threads.submit(() -> transaction.executeWithoutResult(t -> {
                jdbc.update("UPDATE budget_view SET last_index = last_index WHERE budget_id = ?", budget); // holds the row
                change.apply(new GlobalSequenceTrackingToken(1_000_001), () -> List.of(new FeedUpdate(user, FeedEvents.EXPENSE_CREATED, new Seen("first"))));
                rowHeld.countDown();
                reach(otherWaits);
            }));
            reach(rowHeld);
            Future<?> waiter = threads.submit(() -> transaction.executeWithoutResult(t ->
                    change.apply(new GlobalSequenceTrackingToken(1_000_002), () -> {
                        entityManager.find(Budget.class, budget).saw(1_000_002);
                        return List.of(new FeedUpdate(user, FeedEvents.EXPENSE_CREATED, new Seen("second")));
                    })));
            // the second batch's own write waits for the row, not some other processor's
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                    SELECT COUNT(*) FROM pg_stat_activity
                     WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE 'update budget_view%'""", Long.class) > 0);
            otherWaits.countDown();
            holder.get(30, TimeUnit.SECONDS);
            waiter.get(30, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }
        assertThat(jdbc.queryForList("SELECT payload FROM user_feed WHERE user_id = ? ORDER BY seq", String.class, user))
                .containsExactly("{\"id\":\"first\"}", "{\"id\":\"second\"}");
        assertThat(jdbc.queryForObject("SELECT last_index FROM budget_view WHERE budget_id = ?", Long.class, budget)).isEqualTo(1_000_002L);
    }

    private static void reach(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other transaction never got there");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void committedEntriesArePublishedToRedisAsAJsonArrayOfFeedEntries() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(RedisTestServer.uri());
        try (var connection = client.connectPubSub()) {
            connection.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    messages.add(message);
                }
            });
            connection.sync().subscribe("tally-q-test:feed");
            Domain d = new Domain(events());
            String erin = d.user("Erin");
            d.account(erin, "Wallet", "20.00");
            awaitProjected();
            await().atMost(Duration.ofSeconds(10)).until(() -> messages.stream().anyMatch(m -> m.contains(erin)));
            String message = messages.stream().filter(m -> m.contains(erin)).findFirst().orElseThrow();
            List<FeedEntry> entries = List.of(json.readValue(message, FeedEntry[].class));
            assertThat(entries).hasSize(1);
            FeedEntry entry = entries.get(0);
            assertThat(entry.userId()).isEqualTo(erin);
            assertThat(entry.event()).isEqualTo("balance:updated");
            assertThat(entry.seq()).isEqualTo(1);
            assertThat(json.readTree(entry.payload()).get("balance").get("amount").asText()).isEqualTo("20.00");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void aPoisonEventIsParkedWithItsOwnersLaterEventsWhileOthersGoOn() throws Exception {
        Domain d = new Domain(events());
        String mallory = d.user("Mallory");
        String frank = d.user("Frank");
        awaitProjected();
        // a balance change of an account nobody opened cannot be projected
        events().append("Account", "a-missing-" + mallory, mallory, new AccountBalanceChanged("a-missing-" + mallory, mallory, "t-x",
                Money.parse("1.00", "EUR"), Money.parse("1.00", "EUR")));
        String later = d.account(mallory, "Later", "5.00");
        String franks = d.account(frank, "Frank's", "7.00");
        awaitProjected();

        assertThat(getJson(frank, "/api/v1/accounts/{id}", franks).get("balance").get("amount").asText()).isEqualTo("7.00");
        assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM dead_letter_entry WHERE aggregate_identifier IN (?, ?) ORDER BY sequence_index",
                String.class, "a-missing-" + mallory, later))
                .containsExactly("a-missing-" + mallory, later); // the poison and mallory's later event, parked in order
        mvc.perform(as(mallory, get("/api/v1/accounts/{id}", later))).andExpect(status().isNotFound());
        assertThat(feedEvents(mallory)).isEmpty(); // nothing half-applied reached the feed
    }

    @Test
    void anEventThatFailsOnlyWhenItsRowIsWrittenIsParkedWholeWhileTheEventsBeforeItInItsBatchApply() throws Exception {
        Domain d = new Domain(events());
        String oscar = d.user("Oscar");
        String cash = d.account(oscar, "Cash", "100.00");
        awaitProjected();
        // one commit, so one batch: the middle expense's description is longer than its column, which only writing the
        // row finds out; the batch rolls back, is redone event by event, and only that expense and what follows it park
        String[] ids = new String[3];
        new org.springframework.transaction.support.TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            ids[0] = d.record(oscar, expense(cash, "10.00", null, LocalDate.of(2026, 11, 2), "Lunch", null, List.of()));
            ids[1] = d.record(oscar, expense(cash, "20.00", null, LocalDate.of(2026, 11, 2), "x".repeat(1001), null, List.of()));
            ids[2] = d.record(oscar, expense(cash, "30.00", null, LocalDate.of(2026, 11, 2), "Dinner", null, List.of()));
        });
        awaitProjected();

        assertThat(getJson(oscar, "/api/v1/transactions").get("items")).extracting(i -> i.get("id").asText()).containsExactly(ids[0]);
        mvc.perform(as(oscar, get("/api/v1/transactions/{id}", ids[1]))).andExpect(status().isNotFound());
        assertThat(jdbc.queryForList("SELECT aggregate_identifier FROM dead_letter_entry WHERE aggregate_identifier IN (?, ?) ORDER BY sequence_index",
                String.class, ids[1], ids[2])).containsExactly(ids[1], ids[2]);
        assertThat(getJson(oscar, "/api/v1/dashboard?month=2026-11").get("totals").get(0).get("expense").get("amount").asText()).isEqualTo("10.00");
        // the feed tells the applied expense and its month once, nothing of the parked ones
        List<String> created = jdbc.queryForList("SELECT payload FROM user_feed WHERE user_id = ? AND event = 'expense:created'", String.class, oscar);
        assertThat(created).hasSize(1).allMatch(p -> p.contains(ids[0]));
        assertThat(jdbc.queryForList("SELECT payload FROM user_feed WHERE user_id = ? AND event = 'dashboard:updated'", String.class, oscar))
                .last().matches(p -> p.contains("\"10.00\"") && !p.contains("\"30.00\""));
    }

    /**
     * An event whose row PostgreSQL cannot store (a NUL in a name: the API refuses it now, but events stored before
     * that, or by another writer, may hold one) is parked with its owner's later events, and everyone else's go on. The
     * refusal quotes the NUL; stored verbatim as the reason, it failed the parking itself and the segment retried forever.
     */
    @Test
    void anEventPostgresCannotStoreIsParkedAndOtherUsersAreUnaffected() throws Exception {
        Domain d = new Domain(events());
        String mallory = d.user("Mallory");
        String bad = d.category(mallory, "Bad\u0000Name");
        String cash = d.account(mallory, "Cash", "100.00");
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String other = d.user("Other " + i);
            others.add(other);
            d.account(other, "Main", "5.00");
        }
        awaitProjected();

        for (String other : others) {
            assertThat(getJson(other, "/api/v1/accounts")).as(other).hasSize(1);
        }
        mvc.perform(as(mallory, get("/api/v1/accounts/{id}", cash))).andExpect(status().isNotFound());
        List<Map<String, Object>> parked = jdbc.queryForList(
                "SELECT aggregate_identifier, cause_message FROM dead_letter_entry WHERE sequence_identifier = ? ORDER BY sequence_index", mallory);
        assertThat(parked).extracting(row -> row.get("aggregate_identifier")).containsExactly(bad, cash);
        assertThat((String) parked.get(0).get("cause_message")).contains("invalid byte sequence").doesNotContain("\u0000");

        // the operator sees it: health, metric, the parked list; and can drop it for good
        health.check();
        assertThat(health.health().getStatus()).isEqualTo(dev.tally.query.projection.ProjectionHealth.DEGRADED);
        long parkedBefore = (Long) health.health().getDetails().get("parkedEvents");
        assertThat(parkedBefore).isGreaterThanOrEqualTo(2);
        assertThat(meters.get("tally.projection.parked").gauge().value()).isEqualTo(parkedBefore);
        mvc.perform(get("/admin/projections/dead-letters").header("X-Admin-Token", "test-admin-token"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.sequence == '" + mallory + "')].events").value(2))
                .andExpect(jsonPath("$[?(@.sequence == '" + mallory + "')].cause").value(org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.containsString("invalid byte sequence"))));
        mvc.perform(get("/admin/projections/dead-letters")).andExpect(status().isNotFound());
        mvc.perform(delete("/admin/projections/dead-letters/{sequence}", mallory).header("X-Admin-Token", "test-admin-token"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.evictedEvents").value(2));
        mvc.perform(delete("/admin/projections/dead-letters/{sequence}", mallory).header("X-Admin-Token", "test-admin-token"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE sequence_identifier = ?", Long.class, mallory)).isZero();
        health.check();
        assertThat((Long) health.health().getDetails().get("parkedEvents")).isEqualTo(parkedBefore - 2);
    }
}
