package dev.tally.command.budget;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RemoveBudget(@TargetAggregateIdentifier String budgetId, String actorId, @TargetAggregateVersion Long expectedVersion) {
}
