package dev.tally.command.recurring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record PauseRecurring(@TargetAggregateIdentifier String recurringId, String actorId) {
}
