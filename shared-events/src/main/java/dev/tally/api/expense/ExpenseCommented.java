package dev.tally.api.expense;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ExpenseCommented(String transactionId, String ownerId, String commentId, String authorId, String text) {
}
