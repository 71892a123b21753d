package dev.tally.query.audit;

import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;

/** One stored event of the audited thing: what happened, when, who did it and the request it came from. */
public record AuditEvent(long sequence, String type, Instant occurredAt, String userId, String correlationId, Object payload) {

    public static AuditEvent of(DomainEventMessage<?> m) {
        return new AuditEvent(m.getSequenceNumber(), m.getPayloadType().getSimpleName(), m.getTimestamp(),
                (String) m.getMetaData().get("userId"), (String) m.getMetaData().get("correlationId"), m.getPayload());
    }
}
