package dev.tally.api.recurring;

import org.axonframework.serialization.Revision;

/** One occurrence will not be recorded (or, past its day, was not). */
@Revision("1")
public record RecurringOccurrenceSkipped(String recurringId, String ownerId, long index, java.time.LocalDate date) {
}
