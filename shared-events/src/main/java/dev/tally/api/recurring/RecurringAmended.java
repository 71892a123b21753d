package dev.tally.api.recurring;

import dev.tally.api.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** Occurrences from {@code fromIndex} on record the new template; those already recorded stay as they were. */
@Revision("1")
public record RecurringAmended(String recurringId, @DataSubject String ownerId, RecurringTemplate template, long fromIndex) {
}
