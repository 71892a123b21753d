package dev.tally.api.budget;

import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

import java.util.List;

@Revision("1")
public record BudgetChanged(String budgetId, String ownerId, String name, Money limit, List<Integer> alertLevels) {
}
