package dev.tally.command.recurring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record EndRecurring(@TargetAggregateIdentifier String recurringId, String actorId) {
}
