package dev.tally.platform.eventstore;

import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

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
 */
public class TailingJdbcEventStorageEngine extends JdbcEventStorageEngine {

    public TailingJdbcEventStorageEngine(JdbcEventStorageEngine.Builder builder) {
        super(builder);
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
