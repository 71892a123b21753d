package dev.tally.command.recurring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ResumeRecurring(@TargetAggregateIdentifier String recurringId, String actorId) {
}
