package dev.tally.query.budget;

import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * A budget with its current period (in the budget's time zone). {@code percent} is spent/limit in whole percent,
 * rounded down, so 79.9 % never shows as 80 before the 80 % alert is raised.
 */
public record BudgetView(String id, String name, String categoryId, PeriodType periodType, Money limit, List<Integer> alertLevels,
                         String timeZone, PeriodSpending current) {

    public record PeriodSpending(String period, LocalDate start, LocalDate endExclusive, Money spent, Money limit, long percent,
                                 List<Integer> levelsReached) {
    }
}
