package dev.tally.api.budget;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * One period of a budget: its type and first day. The key names it for people and for storage:
 * {@code 2026-11} (monthly), {@code 2026-W48} (ISO week), {@code 2026} (yearly).
 */
public record BudgetPeriod(PeriodType type, LocalDate start) {

    public static BudgetPeriod containing(PeriodType type, LocalDate day) {
        return new BudgetPeriod(type, switch (type) {
            case WEEKLY -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1);
            case YEARLY -> day.withDayOfYear(1);
        });
    }

    /** The first day after this period. */
    public LocalDate endExclusive() {
        return switch (type) {
            case WEEKLY -> start.plusWeeks(1);
            case MONTHLY -> start.plusMonths(1);
            case YEARLY -> start.plusYears(1);
        };
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(endExclusive());
    }

    public String key() {
        return switch (type) {
            case WEEKLY -> "%d-W%02d".formatted(start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> "%d-%02d".formatted(start.getYear(), start.getMonthValue());
            case YEARLY -> Integer.toString(start.getYear());
        };
    }
}
