package dev.tally.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.eventstore.EventSerialization;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Snapshots of audited things, every {@code tally.query.audit.snapshot-every} events of each, taken by a processor of
 * their own as events are stored. An as-of read starts from the last snapshot before its moment and folds at most that
 * many events, however long the history (an account with a million postings).
 */
@Component
@ProcessingGroup(AuditSnapshots.PROCESSING_GROUP)
public class AuditSnapshots {

    public static final String PROCESSING_GROUP = "audit-snapshots";
    private static final ObjectMapper JSON = EventSerialization.objectMapper();

    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final int every;

    public AuditSnapshots(EventStorageEngine storage, JdbcTemplate jdbc, @Value("${tally.query.audit.snapshot-every:500}") int every) {
        this.storage = storage;
        this.jdbc = jdbc;
        this.every = every;
    }

    /** A state folded from the events up to {@code version} (null before the thing existed). */
    record Folded(Object state, Long version) {
    }

    @EventHandler
    void on(Object event, @SourceId String aggregateId, @SequenceNumber Long sequence, @Timestamp Instant at) {
        if ((sequence + 1) % every != 0) {
            return;
        }
        AuditKind.ofEvent(event.getClass()).ifPresent(kind -> {
            Folded folded = fold(kind, aggregateId, latestBefore(kind, aggregateId, "sequence_number <= ?", sequence),
                    m -> m.getSequenceNumber() <= sequence);
            if (folded.state() != null) {
                jdbc.update("INSERT INTO audit_snapshot (aggregate_id, sequence_number, time_stamp, kind, state) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING", aggregateId, folded.version(), DateTimeUtils.formatInstant(at), kind.name(), json(folded.state()));
            }
        });
    }

    /** The state as of {@code asOf}: from the last snapshot at or before it, folding the events after it up to then. */
    Folded asOf(AuditKind kind, String aggregateId, Instant asOf) {
        return fold(kind, aggregateId, latestBefore(kind, aggregateId, "time_stamp <= ?", DateTimeUtils.formatInstant(asOf)),
                m -> !m.getTimestamp().isAfter(asOf));
    }

    /** The sequence the history from {@code from} starts at or after: the one after the last snapshot before it. */
    long startBefore(AuditKind kind, String aggregateId, Instant from) {
        return latestBefore(kind, aggregateId, "time_stamp < ?", DateTimeUtils.formatInstant(from))
                .map(f -> f.version() + 1).orElse(0L);
    }

    private Optional<Folded> latestBefore(AuditKind kind, String aggregateId, String condition, Object bound) {
        return jdbc.query("SELECT sequence_number, state FROM audit_snapshot WHERE aggregate_id = ? AND kind = ? AND " + condition
                        + " ORDER BY sequence_number DESC LIMIT 1",
                rs -> rs.next() ? Optional.of(new Folded(state(kind, rs.getString(2)), rs.getLong(1))) : Optional.empty(),
                aggregateId, kind.name(), bound);
    }

    /** Folds the events after {@code start} (or from the first) for as long as {@code within} holds. */
    private Folded fold(AuditKind kind, String aggregateId, Optional<Folded> start, Predicate<DomainEventMessage<?>> within) {
        Object state = start.map(Folded::state).orElse(null);
        Long version = start.map(Folded::version).orElse(null);
        Iterator<? extends DomainEventMessage<?>> events = storage.readEvents(aggregateId, version == null ? 0 : version + 1).asStream().iterator();
        while (events.hasNext()) {
            DomainEventMessage<?> m = events.next();
            if (!within.test(m)) {
                break;
            }
            Object next = HistoricStates.fold(kind, state, m.getPayload());
            if (next != null) {
                state = next;
                version = m.getSequenceNumber();
            }
        }
        return new Folded(state, state == null ? null : version);
    }

    private static String json(Object state) {
        try {
            return JSON.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit state cannot be written as JSON", e);
        }
    }

    private static Object state(AuditKind kind, String json) {
        try {
            return JSON.readValue(json, HistoricStates.stateType(kind));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit snapshot cannot be read", e);
        }
    }
}
