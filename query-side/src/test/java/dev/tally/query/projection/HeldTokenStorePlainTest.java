package dev.tally.query.projection;

import dev.tally.api.feed.FeedEvents;
import dev.tally.platform.config.EventStoreAutoConfiguration;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.support.PlainReadSide;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link HeldTokenStore} in plain JUnit, on PostgreSQL: a batch's token goes out with its held writes, and a claim this
 * node no longer holds fails the batch whole, as Axon's own store would.
 */
class HeldTokenStorePlainTest {

    @RegisterExtension
    static final PlainReadSide readSide = new PlainReadSide();

    private final String processor = "read-models-" + UUID.randomUUID().toString().substring(0, 8);
    private final HeldTokenStore store = new HeldTokenStore(readSide.jdbc().getDataSource()::getConnection,
            JacksonSerializer.defaultSerializer(), new EventStoreAutoConfiguration().tokenSchema(), readSide.change());

    private record Seen(String id) implements FeedEvents.AboutExpense {
    }

    @BeforeEach
    void claimed() {
        readSide.inTransaction(() -> {
            store.initializeTokenSegments(processor, 1, new GlobalSequenceTrackingToken(0));
            store.fetchToken(processor, 0); // claims it for this node
        });
    }

    /**
     * A one-expense batch as the processor runs it, in the batch's unit of work: its token first, then the expense's
     * member row and feed entry.
     */
    private void batch(long index, String expense, String user) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage(expense));
        try {
            store.storeToken(new GlobalSequenceTrackingToken(index), processor, 0);
            readSide.change().apply(new GlobalSequenceTrackingToken(index), () -> {
                readSide.change().write("INSERT INTO expense_member (expense_id, user_id) VALUES (?, ?)", expense, user);
                return List.of(new FeedUpdate(user, FeedEvents.EXPENSE_CREATED, new Seen(expense)));
            });
        } finally {
            batch.commit();
        }
    }

    private static String expense() {
        return "e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TrackingToken stored() {
        return readSide.inTransaction(() -> store.fetchToken(processor, 0));
    }

    private long members(String expense) {
        return readSide.count("SELECT COUNT(*) FROM expense_member WHERE expense_id = ?", expense);
    }

    private void takenMeanwhile(String owner) {
        readSide.jdbc().update("UPDATE token_entry SET owner = ?, timestamp = ? WHERE processor_name = ?",
                owner, Instant.now().toString(), processor);
    }

    @Test
    void aBatchsTokenGoesToTheDatabaseWithItsWritesInOneStatement() {
        String e1 = expense();
        int before = readSide.statements();
        readSide.inTransaction(() -> batch(5, e1, "u-1"));

        assertThat(readSide.statements() - before).as("the token with the member row, then the feed").isEqualTo(2);
        assertThat(stored()).isEqualTo(new GlobalSequenceTrackingToken(5));
        assertThat(members(e1)).isEqualTo(1);
    }

    @Test
    void aClaimAnotherNodeTookMeanwhileFailsTheBatchAndNothingOfItStays() {
        String e2 = expense();
        readSide.transaction().begin();
        batch(6, e2, "u-2");
        takenMeanwhile("another-node");

        assertThatThrownBy(() -> readSide.transaction().commit()).isInstanceOf(UnableToClaimTokenException.class);
        assertThat(members(e2)).isZero();
        assertThat(readSide.signalled).noneMatch(e -> e.userId().equals("u-2"));
        assertThat(stored()).isEqualTo(new GlobalSequenceTrackingToken(0));

        // the claim taken here rolled back with the batch, so the claim is this node's again: the batch's redo, event
        // by event as after any rollback, stores its token at once and commits (and the next test starts afresh)
        readSide.inTransaction(() -> batch(6, e2, "u-2"));
        assertThat(members(e2)).isEqualTo(1);
        assertThat(stored()).isEqualTo(new GlobalSequenceTrackingToken(6));
    }

    @Test
    void aClaimReleasedMeanwhileIsTakenAgainAndTheBatchCommits() {
        String e3 = expense();
        readSide.inTransaction(() -> {
            batch(7, e3, "u-3");
            takenMeanwhile(null);
        });

        assertThat(stored()).isEqualTo(new GlobalSequenceTrackingToken(7));
        assertThat(members(e3)).isEqualTo(1);
        assertThat(readSide.count("SELECT COUNT(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL", processor)).isEqualTo(1);
    }

    @Test
    void aTokenStoredOutsideABatchIsStoredAtOnce() {
        readSide.inTransaction(() -> {
            int before = readSide.statements();
            store.storeToken(new GlobalSequenceTrackingToken(9), processor, 0); // as a reset stores each segment's
            assertThat(readSide.statements() - before).as("stored at once, not held").isEqualTo(1);
        });
        assertThat(stored()).isEqualTo(new GlobalSequenceTrackingToken(9));
    }

    @Test
    void anEventAppliedAloneStoresItsTokenAtOnce() {
        readSide.change().eventByEvent(() -> {
            readSide.inTransaction(() -> {
                UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("e"));
                int before = readSide.statements();
                store.storeToken(new GlobalSequenceTrackingToken(8), processor, 0);
                assertThat(readSide.statements() - before).as("stored at once, not held").isEqualTo(1);
                batch.commit();
            });
            return null;
        });
        assertThat(stored()).isEqualTo(new GlobalSequenceTrackingToken(8));
    }
}
