package dev.tally.command.budget;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

/** Null fields stay as they are; {@code limit} is a decimal in the budget's own currency (it never changes). */
public record ChangeBudget(@TargetAggregateIdentifier String budgetId, String actorId, @TargetAggregateVersion Long expectedVersion, String name, String limit, List<Integer> alertLevels) {
}
