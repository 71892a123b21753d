package dev.tally.query.support;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends events to the real event store the way command-side's aggregates do: a domain event of the aggregate the
 * id names, the next sequence number, and metadata {@code userId} and {@code correlationId}.
 */
public class EventLog {

    private final EventStore eventStore;
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();

    public EventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public void append(String aggregateType, String aggregateId, String actingUser, Object payload) {
        append(aggregateType, aggregateId, actingUser, payload, Instant.now());
    }

    public void append(String aggregateType, String aggregateId, String actingUser, Object payload, Instant at) {
        long seq = sequences.merge(aggregateId, 0L, (old, zero) -> old + 1);
        MetaData metaData = MetaData.from(Map.of("userId", actingUser, "correlationId", "corr-" + UUID.randomUUID()));
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId, seq, new GenericMessage<>(payload, metaData), at));
    }
}
