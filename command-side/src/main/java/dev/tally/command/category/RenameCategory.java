package dev.tally.command.category;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RenameCategory(@TargetAggregateIdentifier String categoryId, String actorId, @TargetAggregateVersion Long expectedVersion, String name) {
}
