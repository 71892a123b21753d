package dev.tally.api.recurring;

import dev.tally.api.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** An occurrence fell due and records {@code transactionId} from the template (exactly once per index). */
@Revision("1")
public record RecurringOccurrenceRecorded(String recurringId, @DataSubject String ownerId, long index, java.time.LocalDate date, String transactionId, RecurringTemplate template) {
}
