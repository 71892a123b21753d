package dev.tally.command.importing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record UndoImport(@TargetAggregateIdentifier String importId, String actorId, int deleted) {
}
