package dev.tally.command.budget;

import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;

import java.util.List;

/** {@code categoryId} null budgets all spending; {@code alertLevels} null means the default levels. */
public record CreateBudget(String budgetId, String ownerId, String name, String categoryId, PeriodType period, Money limit, List<Integer> alertLevels, String timeZone) {
}
