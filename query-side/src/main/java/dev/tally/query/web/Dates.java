package dev.tally.query.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Days, months and instants a client sends (parameters, decoded cursors) lie in the years 0001 to 9999 (instants in
 * UTC). Java takes years up to a billion, PostgreSQL's date and timestamp far fewer (a 500 instead of a 400), and the
 * audit's snapshots compare instants as text, which sorts only while the year has four digits.
 */
public final class Dates {

    private static final LocalDate FIRST = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST = LocalDate.of(9999, 12, 31);
    private static final Instant FIRST_INSTANT = FIRST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant LAST_INSTANT = LAST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1);
    private static final String RANGE = "must be in the years 0001 to 9999";

    private Dates() {
    }

    /** {@code day} (null passes), or 400 naming {@code parameter}. */
    public static LocalDate check(String parameter, LocalDate day) {
        if (day != null && (day.isBefore(FIRST) || day.isAfter(LAST))) {
            throw new InvalidQuery(parameter, RANGE);
        }
        return day;
    }

    public static YearMonth check(String parameter, YearMonth month) {
        check(parameter, month == null ? null : month.atDay(1));
        return month;
    }

    public static Instant check(String parameter, Instant instant) {
        if (instant != null && (instant.isBefore(FIRST_INSTANT) || instant.isAfter(LAST_INSTANT))) {
            throw new InvalidQuery(parameter, RANGE + " (UTC)");
        }
        return instant;
    }
}
