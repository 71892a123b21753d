package dev.tally.api.recurring;

import org.axonframework.serialization.Revision;

/** Occurrences from {@code fromIndex} on record the new template; those already recorded stay as they were. */
@Revision("1")
public record RecurringAmended(String recurringId, String ownerId, RecurringTemplate template, long fromIndex) {
}
