package dev.tally.query.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.support.PlainReadSide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link UserFeed} in plain JUnit, on PostgreSQL: seqs per user in commit order, state updates once, nothing on rollback. */
class UserFeedPlainTest {

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();

    private record Month(String month, int total) implements FeedEvents.AboutMonth {
    }

    private record Seen(String id) implements FeedEvents.AboutExpense {
    }

    private static String user() {
        return "u-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> signalledTo(String user) {
        return readSide.signalled.stream().filter(e -> e.userId().equals(user))
                .map(e -> e.seq() + ":" + e.event() + ":" + e.stateKey() + ":" + e.payload() + ":" + e.globalIndex()).toList();
    }

    @Test
    void eachUsersEntriesTakeTheNextSeqsAndAStateIsComputedOnceAfterTheOtherEntries() {
        String alice = user();
        String bob = user();
        AtomicInteger computed = new AtomicInteger();
        for (int round = 0; round < 2; round++) {
            readSide.inTransaction(() -> {
                readSide.feed().append(5, List.of(
                        FeedUpdate.state(alice, FeedEvents.DASHBOARD_UPDATED, "2026-11", () -> new Month("2026-11", computed.incrementAndGet())),
                        new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e1")),
                        new FeedUpdate(bob, FeedEvents.EXPENSE_CREATED, new Seen("e1"))));
                readSide.feed().append(6, List.of(
                        FeedUpdate.state(alice, FeedEvents.DASHBOARD_UPDATED, "2026-11", () -> new Month("2026-11", computed.incrementAndGet()))));
            });
        }
        assertThat(computed).as("once per transaction, at commit").hasValue(2);
        assertThat(signalledTo(alice)).containsExactly(
                "1:expense:created:e1:{\"id\":\"e1\"}:5", "2:dashboard:updated:2026-11:{\"month\":\"2026-11\",\"total\":1}:6",
                "3:expense:created:e1:{\"id\":\"e1\"}:5", "4:dashboard:updated:2026-11:{\"month\":\"2026-11\",\"total\":2}:6");
        assertThat(signalledTo(bob)).containsExactly("1:expense:created:e1:{\"id\":\"e1\"}:5", "2:expense:created:e1:{\"id\":\"e1\"}:5");
        assertThat(readSide.count("SELECT seq FROM user_feed_head WHERE user_id = ?", alice)).isEqualTo(4);
        assertThat(readSide.count("SELECT COUNT(*) FROM user_feed WHERE user_id = ?", alice)).isEqualTo(4);
    }

    @Test
    void onPostgresqlAFewEntriesGoOutWithTheirHeadsInOneStatementAndManyInTwo() {
        String alice = user();
        String bob = user();
        readSide.inTransaction(() -> readSide.feed().append(11, List.of(new FeedUpdate(bob, FeedEvents.EXPENSE_CREATED, new Seen("e0")))));

        int before = readSide.statements();
        readSide.inTransaction(() -> readSide.feed().append(12, List.of(
                new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e7")),
                new FeedUpdate(bob, FeedEvents.EXPENSE_CREATED, new Seen("e7")),
                FeedUpdate.state(alice, FeedEvents.DASHBOARD_UPDATED, "2026-11", () -> new Month("2026-11", 7)),
                new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e8")))));
        assertThat(readSide.statements() - before).as("heads and entries, one round trip").isEqualTo(1);

        before = readSide.statements();
        readSide.inTransaction(() -> IntStream.rangeClosed(1, 70).forEach(i -> readSide.feed().append(100 + i, List.of(
                new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("m" + i)), new FeedUpdate(bob, FeedEvents.EXPENSE_CREATED, new Seen("m" + i))))));
        assertThat(readSide.statements() - before).as("140 entries: the heads, then the entries as one batch").isEqualTo(2);

        assertThat(signalledTo(alice)).startsWith("1:expense:created:e7:{\"id\":\"e7\"}:12", "2:expense:created:e8:{\"id\":\"e8\"}:12",
                "3:dashboard:updated:2026-11:{\"month\":\"2026-11\",\"total\":7}:12", "4:expense:created:m1:{\"id\":\"m1\"}:101").hasSize(73);
        assertThat(signalledTo(bob)).startsWith("1:expense:created:e0:{\"id\":\"e0\"}:11", "2:expense:created:e7:{\"id\":\"e7\"}:12",
                "3:expense:created:m1:{\"id\":\"m1\"}:101").endsWith("72:expense:created:m70:{\"id\":\"m70\"}:170");
        for (String user : List.of(alice, bob)) {
            assertThat(readSide.inTransaction(() -> readSide.jdbc().queryForList("SELECT seq || ':' || event || ':' || state_key || ':' || payload || ':' || global_index"
                    + " FROM user_feed WHERE user_id = ? ORDER BY seq", String.class, user))).as("stored as signalled").isEqualTo(signalledTo(user));
            assertThat(readSide.count("SELECT seq FROM user_feed_head WHERE user_id = ?", user)).isEqualTo(signalledTo(user).size());
        }
    }

    @Test
    void aRolledBackTransactionLeavesNoEntryAndSignalsNothing() {
        String alice = user();
        readSide.transaction().begin();
        readSide.feed().append(7, List.of(new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e2"))));
        readSide.transaction().rollback();

        assertThat(readSide.count("SELECT COUNT(*) FROM user_feed WHERE user_id = ?", alice)).isZero();
        assertThat(signalledTo(alice)).isEmpty();
        readSide.inTransaction(() -> readSide.feed().append(8, List.of(new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e3")))));
        assertThat(signalledTo(alice)).containsExactly("1:expense:created:e3:{\"id\":\"e3\"}:8");
    }

    @Test
    void aRebuildsTransactionAppendsNothingAndTheNextOneDoes() {
        String alice = user();
        readSide.inTransaction(() -> {
            readSide.feed().suppressInThisTransaction();
            readSide.feed().append(9, List.of(new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e4"))));
        });
        assertThat(readSide.count("SELECT COUNT(*) FROM user_feed WHERE user_id = ?", alice)).isZero();
        readSide.inTransaction(() -> readSide.feed().append(10, List.of(new FeedUpdate(alice, FeedEvents.EXPENSE_CREATED, new Seen("e5")))));
        assertThat(readSide.signalled.stream().filter(e -> e.userId().equals(alice)).map(FeedEntry::stateKey)).containsExactly("e5");
    }

    @Test
    void entriesAreAppendedOnlyInsideATransaction() {
        assertThatThrownBy(() -> readSide.feed().append(1, List.of(new FeedUpdate(user(), FeedEvents.EXPENSE_CREATED, new Seen("e6")))))
                .isInstanceOf(IllegalStateException.class);
    }
}
