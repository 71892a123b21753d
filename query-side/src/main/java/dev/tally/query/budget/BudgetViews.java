package dev.tally.query.budget;

import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.currency.HomeCurrencies;
import dev.tally.query.recurring.UpcomingOccurrence;
import dev.tally.query.recurring.UpcomingOccurrences;
import dev.tally.query.feed.FeedUpdate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;

@Component
public class BudgetViews {

    private final BudgetPeriodSpendingRepository periods;
    private final UpcomingOccurrences upcoming;
    private final HomeCurrencies homeCurrencies;
    private final Clock clock;

    public BudgetViews(BudgetPeriodSpendingRepository periods, UpcomingOccurrences upcoming, HomeCurrencies homeCurrencies, Clock clock) {
        this.periods = periods;
        this.upcoming = upcoming;
        this.homeCurrencies = homeCurrencies;
        this.clock = clock;
    }

    public BudgetView view(Budget budget) {
        BudgetPeriod current = budget.currentPeriod(clock);
        BudgetView.PeriodSpending s = spending(budget, current);
        BudgetView.PeriodSpending withForecast = new BudgetView.PeriodSpending(s.period(), s.start(), s.endExclusive(), s.spent(),
                s.limit(), s.percent(), s.levelsReached(), s.spent().plus(forecastSpending(budget, current)));
        return new BudgetView(budget.budgetId(), budget.name(), budget.categoryId(), budget.periodType(), budget.limit(),
                budget.alertLevels(), budget.timeZone(), withForecast,
                BudgetView.Home.of(homeCurrencies.upTo(budget.ownerId(), current.endExclusive().minusDays(1)), withForecast));
    }

    /**
     * The recurring expenses still to come in the period that the budget counts (its category, or any when it has
     * none; its currency, as spending counts), from the schedules' upcoming occurrences.
     */
    private Money forecastSpending(Budget budget, BudgetPeriod period) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(budget.timeZone())));
        int days = (int) Math.max(0, ChronoUnit.DAYS.between(today, period.endExclusive()));
        long minor = upcoming.of(budget.ownerId(), days).stream()
                .filter(o -> !o.date().isBefore(period.start()) && o.date().isBefore(period.endExclusive()))
                .map(UpcomingOccurrence::template)
                .filter(t -> t.type() == TransactionType.EXPENSE && t.amount().currency().equals(budget.currency())
                        && (budget.categoryId() == null || budget.categoryId().equals(t.categoryId())))
                .mapToLong(t -> t.amount().minorUnits()).sum();
        return new Money(minor, budget.currency());
    }

    /** {@code budget:updated} for the current period (definition changes) or for the period an event named. */
    public FeedUpdate update(Budget budget, BudgetPeriod period) {
        BudgetView.PeriodSpending s = spending(budget, period == null ? budget.currentPeriod(clock) : period);
        return new FeedUpdate(budget.ownerId(), FeedEvents.BUDGET_UPDATED, new BudgetUpdate(budget.budgetId(), budget.name(),
                s.period(), s.start(), s.spent(), s.limit(), s.percent(), s.levelsReached(), budget.isRemoved()));
    }

    BudgetView.PeriodSpending spending(Budget budget, BudgetPeriod period) {
        var row = periods.findById(new BudgetPeriodSpending.Key(budget.budgetId(), period.key()));
        long spent = row.map(BudgetPeriodSpending::spentMinor).orElse(0L);
        Money limit = budget.limit();
        long percent = limit.minorUnits() <= 0 ? 0 : Math.multiplyExact(spent, 100L) / limit.minorUnits();
        return new BudgetView.PeriodSpending(period.key(), period.start(), period.endExclusive(), new Money(spent, budget.currency()),
                limit, percent, row.map(BudgetPeriodSpending::levelsReached).orElse(List.of()), null);
    }

    /** The period a key such as {@code 2026-11}, {@code 2026-W48} or {@code 2026} names. */
    static BudgetPeriod period(PeriodType type, String key) {
        return switch (type) {
            case MONTHLY -> new BudgetPeriod(type, YearMonth.parse(key).atDay(1));
            case YEARLY -> new BudgetPeriod(type, Year.parse(key).atDay(1));
            case WEEKLY -> {
                String[] parts = key.split("-W");
                LocalDate day = LocalDate.of(Integer.parseInt(parts[0]), 6, 1)
                        .with(IsoFields.WEEK_BASED_YEAR, Integer.parseInt(parts[0]))
                        .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(parts[1]))
                        .with(DayOfWeek.MONDAY);
                yield new BudgetPeriod(type, day);
            }
        };
    }
}
