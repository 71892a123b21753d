package dev.tally.command.importing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelImport(@TargetAggregateIdentifier String importId, int deleted) {
}
