package dev.tally.platform.eventstore;

import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.List;

/**
 * Axon's embedded store, which another process's commit can wake up instead of leaving it to its next poll, and whose
 * streams wait in short slices ({@link SlicedWaitStream}), so a processor that reads on its own, out of the cache, is
 * never left waiting past a slice for events that came.
 */
public class WakeableEventStore extends EmbeddedEventStore {

    /** The longest a processor reading on its own goes without looking for new events (a query each time it looks). */
    static final Duration WAIT_SLICE = Duration.ofMillis(50);

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** New events were committed elsewhere: fetch now. What a local commit does for its own events. */
    public void wakeUp() {
        afterCommit(List.of());
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SlicedWaitStream(super.openStream(trackingToken), WAIT_SLICE);
    }
}
