package dev.tally.command.expense;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code changes}: a null field keeps its value, an empty string clears the category, description or merchant. */
public record AmendTransaction(@TargetAggregateIdentifier String transactionId, String actorId, @TargetAggregateVersion Long expectedVersion,
                               TransactionDraft changes) {
}
