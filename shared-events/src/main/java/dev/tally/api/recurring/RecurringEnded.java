package dev.tally.api.recurring;

import org.axonframework.serialization.Revision;

/** No more occurrences. */
@Revision("1")
public record RecurringEnded(String recurringId, String ownerId) {
}
