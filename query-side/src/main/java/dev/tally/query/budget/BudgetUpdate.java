package dev.tally.query.budget;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/** Payload of {@code budget:updated}: one budget period's figures ({@code removed} when the budget is gone). */
public record BudgetUpdate(String budgetId, String name, String period, LocalDate periodStart, Money spent, Money limit, long percent,
                           List<Integer> levelsReached, boolean removed) implements FeedEvents.AboutBudgetPeriod {
}
