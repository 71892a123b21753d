package dev.tally.command.expense;

/** A draft without a date is recorded today, dated by the handler. */
public record RecordTransaction(String transactionId, String ownerId, TransactionDraft draft) {
}
