package dev.tally.api.recurring;

import dev.tally.api.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** A transaction that records itself on a schedule, in the owner's time zone. */
@Revision("1")
public record RecurringSetUp(String recurringId, @DataSubject String ownerId, RecurringTemplate template, Recurrence recurrence, String timeZone) {
}
