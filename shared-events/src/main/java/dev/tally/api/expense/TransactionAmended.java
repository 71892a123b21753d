package dev.tally.api.expense;

import dev.tally.api.privacy.DataSubject;
import org.axonframework.serialization.Revision;

/** Carries both sides so a consumer never needs its own copy of the old state to undo it. */
@Revision("1")
public record TransactionAmended(String transactionId, @DataSubject String ownerId, TransactionDetails before, TransactionDetails after) implements TransactionLifecycleEvent {
}
