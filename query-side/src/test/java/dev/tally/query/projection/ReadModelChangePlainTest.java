package dev.tally.query.projection;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.support.PlainReadSide;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link ReadModelChange} in plain JUnit, on PostgreSQL: held writes, the feed after them, and a failing event undone
 * whole by the redo event by event while the rest of its batch commits.
 */
class ReadModelChangePlainTest {

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();

    private static final String ADD_MEMBER = "INSERT INTO expense_member (expense_id, user_id) VALUES (?, ?)";
    private static final String DROP_MEMBER = "DELETE FROM expense_member WHERE expense_id = ? AND user_id = ?";

    private record Seen(String id) implements FeedEvents.AboutExpense {
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The change an expense's creation makes: its member row, and an entry in the member's feed. */
    private static void created(long index, String expense, String user) {
        ReadModelChange change = readSide.change();
        change.apply(new GlobalSequenceTrackingToken(index), () -> {
            change.write(ADD_MEMBER, expense, user);
            return List.of(new FeedUpdate(user, FeedEvents.EXPENSE_CREATED, new Seen(expense)));
        });
    }

    private static long members(String expense) {
        return readSide.count("SELECT COUNT(*) FROM expense_member WHERE expense_id = ?", expense);
    }

    /** The expense's members as the current transaction sees them. */
    private static List<String> memberIds(String expense) {
        return readSide.jdbc().queryForList("SELECT user_id FROM expense_member WHERE expense_id = ?", String.class, expense);
    }

    private static List<String> membersOf(String expense) {
        return readSide.inTransaction(() -> memberIds(expense));
    }

    private static List<FeedEntry> signalledTo(String user) {
        return readSide.signalled.stream().filter(e -> e.userId().equals(user)).toList();
    }

    @Test
    void writesAreHeldUntilCommitAndTheFeedIsSignalledOnlyAfterIt() {
        String alice = id("u");
        String lunch = id("e");
        String dinner = id("e");
        readSide.inTransaction(() -> {
            created(1, lunch, alice);
            created(2, dinner, alice);
            assertThat(readSide.jdbc().queryForObject("SELECT COUNT(*) FROM expense_member WHERE expense_id IN (?, ?)", Long.class, lunch, dinner))
                    .as("held for one batch at commit").isZero();
            assertThat(signalledTo(alice)).isEmpty();
        });
        assertThat(members(lunch) + members(dinner)).isEqualTo(2);
        assertThat(signalledTo(alice)).extracting(e -> e.seq() + ":" + e.event() + ":" + e.stateKey() + ":" + e.globalIndex())
                .containsExactly("1:expense:created:" + lunch + ":1", "2:expense:created:" + dinner + ":2");
    }

    @Test
    void aFailingEventUndoesItsBatchAndTheRedoCommitsTheRestWithoutIt() {
        String alice = id("u");
        String bob = id("u");
        String good = id("e");
        String bad = id("e");
        Runnable failing = () -> readSide.change().apply(new GlobalSequenceTrackingToken(11), () -> {
            readSide.change().write(ADD_MEMBER, bad, bob); // half a change
            throw new IllegalStateException("a rule the event breaks");
        });

        assertThatThrownBy(() -> readSide.inTransaction(() -> {
            created(10, good, alice);
            failing.run();
        })).isInstanceOf(RuntimeException.class);
        assertThat(members(good)).as("the whole batch rolled back").isZero();
        assertThat(signalledTo(alice)).isEmpty();

        // the redo applies event by event: the failing one is undone alone (the processor dead-letters it)
        readSide.inTransaction(() -> {
            created(10, good, alice);
            assertThat(readSide.jdbc().queryForObject("SELECT COUNT(*) FROM expense_member WHERE expense_id = ?", Long.class, good))
                    .as("applied at once in its savepoint").isEqualTo(1);
            assertThatThrownBy(failing::run).hasMessage("a rule the event breaks");
        });
        assertThat(members(good)).isEqualTo(1);
        assertThat(members(bad)).isZero();
        assertThat(signalledTo(alice)).extracting(FeedEntry::stateKey).containsExactly(good);
        assertThat(signalledTo(bob)).isEmpty();

        // and the next batch is optimistic again
        String later = id("e");
        readSide.inTransaction(() -> {
            created(12, later, alice);
            assertThat(readSide.jdbc().queryForObject("SELECT COUNT(*) FROM expense_member WHERE expense_id = ?", Long.class, later)).isZero();
        });
        assertThat(members(later)).isEqualTo(1);
    }

    @Test
    void retriesAndRebuildsWriteAtOnceEventByEvent() {
        // eventByEvent: a dead-letter retry or a rebuild's second attempt writes at once, in savepoints
        String carol = id("u");
        String taxi = id("e");
        readSide.change().eventByEvent(() -> {
            readSide.inTransaction(() -> {
                created(20, taxi, carol);
                assertThat(readSide.jdbc().queryForObject("SELECT COUNT(*) FROM expense_member WHERE expense_id = ?", Long.class, taxi)).isEqualTo(1);
            });
            return null;
        });
        assertThat(members(taxi)).isEqualTo(1);
        assertThat(signalledTo(carol)).hasSize(1);
    }

    /** Rows kept for the transaction: each member written once, whatever number of events named it. */
    private static final class Members implements ReadModelChange.HeldRows {
        final java.util.Set<List<String>> pending = new java.util.LinkedHashSet<>();
        int writes;

        @Override
        public void write() {
            writes++;
            pending.forEach(m -> readSide.change().write(ADD_MEMBER, m.get(0), m.get(1)));
            pending.clear();
        }
    }

    private static Members heldMembers() {
        return readSide.change().held(Members.class, Members::new);
    }

    @Test
    void heldRowsAreWrittenOnceWhenTheHeldWritesGoOutAtCommitOrWhenAChangeCatchesUp() {
        String alice = id("u");
        String bob = id("u");
        String rent = id("e");
        String fuel = id("e");
        Members[] held = new Members[1];
        readSide.inTransaction(() -> {
            assertThat(readSide.change().holdsWrites()).isTrue();
            readSide.change().apply(new GlobalSequenceTrackingToken(30), () -> {
                held[0] = heldMembers();
                held[0].pending.add(List.of(rent, alice));
                return List.of();
            });
            created(31, fuel, alice);
            readSide.change().apply(new GlobalSequenceTrackingToken(32), () -> {
                heldMembers().pending.add(List.of(rent, alice)); // named again: still one row
                return List.of();
            });
            assertThat(held[0].writes).isZero();
            assertThat(readSide.jdbc().queryForObject("SELECT COUNT(*) FROM expense_member WHERE expense_id IN (?, ?)", Long.class, rent, fuel))
                    .as("nothing written before commit").isZero();

            readSide.change().catchUp(); // a change about to read with SQL what the transaction wrote
            assertThat(held[0].writes).isEqualTo(1);
            assertThat(readSide.jdbc().queryForObject("SELECT COUNT(*) FROM expense_member WHERE expense_id IN (?, ?)", Long.class, rent, fuel))
                    .isEqualTo(2);

            readSide.change().apply(new GlobalSequenceTrackingToken(33), () -> {
                heldMembers().pending.add(List.of(rent, bob));
                return List.of();
            });
        });
        assertThat(held[0].writes).as("once more at commit, with what came after").isEqualTo(2);
        assertThat(members(rent)).isEqualTo(2);
        assertThat(members(fuel)).isEqualTo(1);
        // event by event, nothing is held: a projection writes its rows at once instead
        readSide.change().eventByEvent(() -> {
            readSide.inTransaction(() -> assertThat(readSide.change().holdsWrites()).isFalse());
            return null;
        });
    }

    @Test
    void onPostgresqlSingleWritesOfDifferentStatementsGoOutAsOneStatementInTheOrderAsked() {
        ReadModelChange change = readSide.change();
        String alice = id("u");
        String bob = id("u");
        String carol = id("u");
        String dave = id("u");
        String rent = id("e");
        readSide.inTransaction(() -> {
            change.apply(new GlobalSequenceTrackingToken(40), () -> {
                change.write(ADD_MEMBER, rent, alice);
                change.write(DROP_MEMBER, rent, alice); // finds alice only after the insert
                change.write(ADD_MEMBER, rent, bob);
                return List.of();
            });
            int before = readSide.statements();
            change.catchUp();
            assertThat(readSide.statements() - before).as("three single writes, one statement").isEqualTo(1);
            assertThat(memberIds(rent)).as("in the order asked").containsExactly(bob);

            change.apply(new GlobalSequenceTrackingToken(41), () -> {
                change.write(ADD_MEMBER, rent, carol);
                change.write(ADD_MEMBER, rent, dave);
                change.write(DROP_MEMBER, rent, bob);
                return List.of();
            });
            before = readSide.statements();
            change.catchUp();
            assertThat(readSide.statements() - before).as("a run of one statement as one JDBC batch, then the single write").isEqualTo(2);
        });
        assertThat(membersOf(rent)).containsExactlyInAnyOrder(carol, dave);
    }

    @Test
    void aFailingWriteAmongThoseSentTogetherFailsTheBatchAndNoneOfThemIsWritten() {
        String alice = id("u");
        String bob = id("u");
        String fuel = id("e");
        readSide.inTransaction(() -> created(60, fuel, alice));
        ReadModelChange change = readSide.change();

        assertThatThrownBy(() -> readSide.inTransaction(() -> change.apply(new GlobalSequenceTrackingToken(61), () -> {
            change.write(ADD_MEMBER, fuel, bob);
            change.write(DROP_MEMBER, fuel, bob);
            change.write(ADD_MEMBER, fuel, bob);
            change.write(DROP_MEMBER, fuel, "nobody");
            change.write(ADD_MEMBER, fuel, alice); // already a member: the key is taken
            return List.of();
        }))).isInstanceOf(RuntimeException.class).hasMessageContaining("expense_member");
        assertThat(membersOf(fuel)).as("the batch rolled back whole").containsExactly(alice);

        // its redo, event by event, writes at once what is right; the batch after it holds its writes again
        readSide.inTransaction(() -> change.apply(new GlobalSequenceTrackingToken(62), () -> {
            change.write(ADD_MEMBER, fuel, bob);
            return List.of();
        }));
        assertThat(membersOf(fuel)).containsExactlyInAnyOrder(alice, bob);
        readSide.inTransaction(() -> assertThat(change.holdsWrites()).isTrue());
    }
}
