package dev.tally.api.budget;

import org.axonframework.serialization.Revision;

@Revision("1")
public record BudgetRemoved(String budgetId, String ownerId) {
}
