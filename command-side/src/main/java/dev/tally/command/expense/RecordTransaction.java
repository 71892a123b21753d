package dev.tally.command.expense;

public record RecordTransaction(String transactionId, String ownerId, TransactionDraft draft) {
}
