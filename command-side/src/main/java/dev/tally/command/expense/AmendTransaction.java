package dev.tally.command.expense;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record AmendTransaction(@TargetAggregateIdentifier String transactionId, String actorId, @TargetAggregateVersion Long expectedVersion, TransactionChanges changes) {
}
