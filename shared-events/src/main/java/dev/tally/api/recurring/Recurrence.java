package dev.tally.api.recurring;

import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * When a recurring transaction falls: every {@code interval} days, weeks, months or years from {@code start}, until
 * {@code end} (included) or for {@code count} occurrences. Dates are the owner's calendar days, so a change of
 * daylight-saving time never moves one. Each occurrence is computed from the start, not from the one before, so a
 * monthly rule on the 31st falls on the 30th in April and on the 31st again in May; {@code lastDayOfMonth} follows
 * the month's end instead (28th, 29th, 30th, 31st).
 */
public record Recurrence(Frequency frequency, int interval, LocalDate start, LocalDate end, Integer count, boolean lastDayOfMonth) {

    public enum Frequency { DAILY, WEEKLY, MONTHLY, YEARLY }

    /** Occurrence {@code n} (from 0), whether or not the rule has ended by then. */
    public LocalDate occurrence(long n) {
        long steps = n * interval;
        return switch (frequency) {
            case DAILY -> start.plusDays(steps);
            case WEEKLY -> start.plusWeeks(steps);
            case MONTHLY -> lastDayOfMonth ? YearMonth.from(start).plusMonths(steps).atEndOfMonth() : start.plusMonths(steps);
            case YEARLY -> start.plusYears(steps);
        };
    }

    /**
     * The number of the occurrence that falls on {@code date}, or -1 if none does (before the start, between two, or past
     * the end), computed rather than counted up to: a date centuries ahead costs the same as tomorrow.
     */
    public long indexOf(LocalDate date) {
        long steps = switch (frequency) {
            case DAILY -> ChronoUnit.DAYS.between(start, date);
            case WEEKLY -> ChronoUnit.WEEKS.between(start, date);
            case MONTHLY -> ChronoUnit.MONTHS.between(YearMonth.from(start), YearMonth.from(date));
            case YEARLY -> ChronoUnit.YEARS.between(Year.from(start), Year.from(date));
        };
        if (steps < 0 || steps % interval != 0) {
            return -1;
        }
        long n = steps / interval;
        return !endsBefore(n) && occurrence(n).equals(date) ? n : -1;
    }

    /** Whether occurrence {@code n} is past the end date or the count. */
    public boolean endsBefore(long n) {
        return count != null && n >= count || end != null && occurrence(n).isAfter(end);
    }

    /** The occurrences (index and date) from {@code n} on that fall on or before {@code until}. */
    public List<Occurrence> from(long n, LocalDate until) {
        List<Occurrence> dates = new ArrayList<>();
        for (long i = n; !endsBefore(i) && !occurrence(i).isAfter(until); i++) {
            dates.add(new Occurrence(i, occurrence(i)));
        }
        return dates;
    }

    public record Occurrence(long index, LocalDate date) {
    }
}
