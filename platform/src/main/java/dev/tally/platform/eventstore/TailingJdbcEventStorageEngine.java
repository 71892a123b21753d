package dev.tally.platform.eventstore;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Axon's JDBC storage engine, except that the event store's own tailing reader stops at a batch that was not full.
 * Axon reads a tracked stream until a fetch comes back empty, and its {@code EmbeddedEventStore} reads again at once
 * after any read that found events: every wake of the reader paid two empty fetches, each a transaction and a gap check
 * ({@code SELECT min(global_index)}), about 1.9 of an expense's 11.7 statements (docs/benchmarks.md). The tailing read
 * (the only one that may block) now ends at a short batch and the reader's own next read is the one that finds nothing.
 * A short batch is not proof of the end (a window of the index can hold gaps), which is why only that reader, which
 * reads again anyway, stops there; every other read (a processor catching up on its own, a rebuild) still reads until
 * a fetch is empty.
 * <p>
 * And its reads run as plain statements, outside any transaction of their own (they join the caller's when there is
 * one): a fetch is one or two selects, each of which reads committed rows as of its own start under PostgreSQL's and
 * H2's default isolation whether or not a transaction holds them, so the {@code BEGIN}/{@code COMMIT} Axon wrapped
 * around every fetch bought nothing and cost a round trip and a commit per wake of the reader. Appends and snapshots
 * keep a transaction ({@code writes}): a batch of events is stored whole or not at all.
 */
public class TailingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager writes;

    /** {@code writes} holds every append and snapshot; the builder's own transaction manager is replaced. */
    public TailingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder, TransactionManager writes) {
        super(builder.transactionManager(NoTransactionManager.INSTANCE)
                .readEventDataWithoutGaps((connection, schema, index, batchSize) -> window(connection, schema, index, batchSize, List.of()))
                .readEventDataWithGaps(TailingJdbcEventStorageEngine::window)
                .extendedGapCheckEnabled(false)); // each window already reaches past a hole wider than a batch
        this.writes = writes;
    }

    /**
     * The events after {@code index} up to a batch's width of the index, or up to the first event after it where a
     * hole wider than that (indexes of appends that rolled back) lies ahead, and the token's gaps. Axon finds the
     * event past such a hole with a query of its own after every fetch that came back empty: the tailing reader's
     * last fetch of every wake (above), so one statement of three per wake. Here the window's end is a subquery of
     * the same statement (an index probe).
     */
    private static PreparedStatement window(Connection connection, EventSchema schema, long index, int batchSize, List<Long> gaps)
            throws SQLException {
        String position = schema.globalIndexColumn();
        String sql = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable()
                + " WHERE (" + position + " > ? AND " + position + " <= GREATEST(?, COALESCE((SELECT MIN(" + position + ") FROM "
                + schema.domainEventTable() + " WHERE " + position + " > ?), 0)))"
                + (gaps.isEmpty() ? "" : " OR " + position + " IN (" + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")")
                + " ORDER BY " + position + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, index);
        statement.setLong(2, index + batchSize);
        statement.setLong(3, index);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 4, gaps.get(i));
        }
        return statement;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        writes.executeInTransaction(() -> super.appendEvents(events, serializer));
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        writes.executeInTransaction(() -> super.storeSnapshot(snapshot, serializer));
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(TrackingToken trackingToken, boolean mayBlock) {
        return mayBlock ? StreamSupport.stream(new UntilShortBatch(trackingToken), false) : super.readEventData(trackingToken, false);
    }

    private final class UntilShortBatch extends Spliterators.AbstractSpliterator<TrackedEventData<?>> {
        private TrackingToken last;
        private Iterator<? extends TrackedEventData<?>> batch = Collections.emptyIterator();
        private boolean lastBatch;

        UntilShortBatch(TrackingToken from) {
            super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
            this.last = from;
        }

        @Override
        public boolean tryAdvance(Consumer<? super TrackedEventData<?>> action) {
            if (!batch.hasNext()) {
                if (lastBatch) {
                    return false;
                }
                List<? extends TrackedEventData<?>> fetched = fetchTrackedEvents(last, batchSize());
                lastBatch = fetched.size() < batchSize();
                batch = fetched.iterator();
                if (!batch.hasNext()) {
                    return false;
                }
            }
            TrackedEventData<?> next = batch.next();
            last = next.trackingToken();
            action.accept(next);
            return true;
        }
    }
}
