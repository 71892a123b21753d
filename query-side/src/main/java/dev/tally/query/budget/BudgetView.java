package dev.tally.query.budget;

import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;
import dev.tally.query.currency.Conversion;

import java.time.LocalDate;
import java.util.List;

/**
 * A budget with its current period (in the budget's time zone). {@code percent} is spent/limit in whole percent,
 * rounded down, so 79.9 % never shows as 80 before the 80 % alert is raised. {@code forecast} is what the period will
 * have spent once the recurring expenses still to come in it are recorded (spent plus those occurrences), for the
 * current period only. {@code home} is the period's figures in the reader's home currency.
 */
public record BudgetView(String id, String name, String categoryId, PeriodType periodType, Money limit, List<Integer> alertLevels,
                         String timeZone, PeriodSpending current, Home home) {

    public record PeriodSpending(String period, LocalDate start, LocalDate endExclusive, Money spent, Money limit, long percent,
                                 List<Integer> levelsReached, Money forecast) {
    }

    /**
     * Spent, limit and forecast in the home currency, at the rates of the period's last day (or today, if earlier);
     * when a rate is missing, {@code available} is false, the amounts are null and {@code reason} says why.
     */
    public record Home(String currency, Money spent, Money limit, Money forecast, boolean available, LocalDate ratesAsOf, String reason) {

        static Home of(Conversion conversion, PeriodSpending current) {
            Money spent = conversion.of(current.spent());
            Money limit = conversion.of(current.limit());
            Money forecast = current.forecast() == null ? null : conversion.of(current.forecast());
            return conversion.available()
                    ? new Home(conversion.currency(), spent, limit, forecast, true, conversion.ratesAsOf(), null)
                    : new Home(conversion.currency(), null, null, null, false, null, conversion.reason());
        }
    }
}
