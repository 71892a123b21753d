package dev.tally.platform.eventstore;

import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.util.List;

/** Axon's embedded store, which another process's commit can wake up instead of leaving it to its next poll. */
public class WakeableEventStore extends EmbeddedEventStore {

    public WakeableEventStore(Builder builder) {
        super(builder);
    }

    /** New events were committed elsewhere: fetch now. What a local commit does for its own events. */
    public void wakeUp() {
        afterCommit(List.of());
    }
}
