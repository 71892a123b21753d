package dev.tally.api.recurring;

import org.axonframework.serialization.Revision;

/** Occurrences go on from {@code nextIndex}, the first that falls today or later. */
@Revision("1")
public record RecurringResumed(String recurringId, String ownerId, long nextIndex) {
}
