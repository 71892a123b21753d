package dev.tally.command.expense;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteTransaction(@TargetAggregateIdentifier String transactionId, String actorId, @TargetAggregateVersion Long expectedVersion) {
}
