package dev.tally.command.importing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordImportProgress(@TargetAggregateIdentifier String importId, int processed, int recorded, int duplicates) {
}
