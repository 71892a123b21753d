package dev.tally.api.expense;

import dev.tally.api.privacy.DataSubject;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TransactionDeleted(String transactionId, @DataSubject String ownerId, TransactionDetails details) implements TransactionLifecycleEvent {
}
