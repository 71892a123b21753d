package dev.tally.api.expense;

import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record ExpenseUnshared(String transactionId, String ownerId, List<String> formerParticipantIds) {
}
