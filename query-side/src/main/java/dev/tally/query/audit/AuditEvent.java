package dev.tally.query.audit;

import java.time.Instant;

/** One stored event of the audited thing: what happened, when, who did it and the request it came from. */
public record AuditEvent(long sequence, String type, Instant occurredAt, String userId, String correlationId, Object payload) {
}
