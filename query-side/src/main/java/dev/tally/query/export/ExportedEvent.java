package dev.tally.query.export;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tally.query.audit.AuditEvent;

/** One line of a personal export's {@code events.jsonl}: the audit's view of a stored event, and whose history it is. */
record ExportedEvent(String aggregateType, String aggregateId, @JsonUnwrapped AuditEvent event) {
}
