package dev.tally.api.recurring;

import org.axonframework.serialization.Revision;

/** No occurrence is recorded until it is resumed; those falling meanwhile are passed over. */
@Revision("1")
public record RecurringPaused(String recurringId, String ownerId) {
}
