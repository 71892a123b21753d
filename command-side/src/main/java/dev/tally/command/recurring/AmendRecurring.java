package dev.tally.command.recurring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what future occurrences record; a null field stays, an empty string clears the category, description or merchant. */
public record AmendRecurring(@TargetAggregateIdentifier String recurringId, String actorId, String amount, String categoryId,
                             String description, String merchant) {
}
