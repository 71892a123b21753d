package dev.tally.api.expense;

import org.axonframework.serialization.Revision;

@Revision("1")
public record TransactionRecorded(String transactionId, String ownerId, TransactionDetails details) {
}
