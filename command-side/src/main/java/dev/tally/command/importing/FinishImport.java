package dev.tally.command.importing;

import dev.tally.api.importing.RefusedRow;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record FinishImport(@TargetAggregateIdentifier String importId, int recorded, int duplicates, List<RefusedRow> refused) {
}
