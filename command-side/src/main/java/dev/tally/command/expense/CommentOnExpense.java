package dev.tally.command.expense;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CommentOnExpense(@TargetAggregateIdentifier String transactionId, String actorId, String commentId, String text) {
}
