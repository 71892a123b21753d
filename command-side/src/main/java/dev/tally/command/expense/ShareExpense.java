package dev.tally.command.expense;

import dev.tally.api.expense.SplitMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.util.List;

public record ShareExpense(@TargetAggregateIdentifier String transactionId, String actorId, @TargetAggregateVersion Long expectedVersion, SplitMethod method, List<SplitPart> parts) {
}
