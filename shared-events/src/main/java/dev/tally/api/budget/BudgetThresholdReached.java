package dev.tally.api.budget;

import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

/** Spending in a period reached {@code level} percent of the limit: raised at most once per budget, period and level. */
@Revision("1")
public record BudgetThresholdReached(String budgetId, String ownerId, String period, int level, Money spent, Money limit) {
}
