package dev.tally.command.recurring;

import dev.tally.api.recurring.Recurrence;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.tally.api.recurring.Recurrence.Frequency.DAILY;
import static dev.tally.api.recurring.Recurrence.Frequency.MONTHLY;
import static dev.tally.api.recurring.Recurrence.Frequency.WEEKLY;
import static dev.tally.api.recurring.Recurrence.Frequency.YEARLY;
import static org.assertj.core.api.Assertions.assertThat;

class RecurrenceTest {

    @Test
    void monthlyOnThe31stFallsOnTheMonthsLastDayWhenItHasNoneAndBackOnThe31st() {
        Recurrence r = new Recurrence(MONTHLY, 1, LocalDate.of(2026, 1, 31), null, null, false);
        assertThat(r.from(0, LocalDate.of(2026, 5, 31))).extracting(Recurrence.Occurrence::date).containsExactly(
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 31));
    }

    @Test
    void monthlyOnTheLastDay() {
        Recurrence r = new Recurrence(MONTHLY, 1, LocalDate.of(2028, 1, 15), null, 3, true);
        assertThat(r.from(0, LocalDate.of(2030, 1, 1))).extracting(Recurrence.Occurrence::date).containsExactly(
                LocalDate.of(2028, 1, 31), LocalDate.of(2028, 2, 29), LocalDate.of(2028, 3, 31));
    }

    @Test
    void everyOtherWeekUntilAnEndDateAndYearlyFromALeapDay() {
        Recurrence fortnightly = new Recurrence(WEEKLY, 2, LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 30), null, false);
        assertThat(fortnightly.from(0, LocalDate.of(2027, 1, 1))).extracting(Recurrence.Occurrence::date).containsExactly(
                LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 30));
        Recurrence leap = new Recurrence(YEARLY, 1, LocalDate.of(2028, 2, 29), null, null, false);
        assertThat(leap.occurrence(1)).isEqualTo(LocalDate.of(2029, 2, 28));
        assertThat(leap.occurrence(4)).isEqualTo(LocalDate.of(2032, 2, 29));
    }

    @Test
    void theNumberOfTheOccurrenceOnADateIsWhatCountingFindsAndCostsNoMoreCenturiesAhead() {
        for (Recurrence r : List.of(
                new Recurrence(DAILY, 3, LocalDate.of(2026, 1, 30), null, null, false),
                new Recurrence(WEEKLY, 2, LocalDate.of(2026, 11, 2), LocalDate.of(2027, 6, 1), null, false),
                new Recurrence(MONTHLY, 1, LocalDate.of(2026, 1, 31), null, 20, false),
                new Recurrence(MONTHLY, 2, LocalDate.of(2028, 1, 15), null, null, true),
                new Recurrence(YEARLY, 1, LocalDate.of(2028, 2, 29), null, null, false))) {
            Map<LocalDate, Long> counted = new HashMap<>();
            r.from(0, LocalDate.of(2033, 1, 1)).forEach(o -> counted.put(o.date(), o.index()));
            for (LocalDate day = LocalDate.of(2025, 12, 1); day.isBefore(LocalDate.of(2033, 1, 1)); day = day.plusDays(1)) {
                assertThat(r.indexOf(day)).as(r + " on " + day).isEqualTo(counted.getOrDefault(day, -1L));
            }
        }
        Recurrence daily = new Recurrence(DAILY, 1, LocalDate.of(2026, 1, 1), null, null, false);
        assertThat(daily.indexOf(LocalDate.MAX)).isEqualTo(ChronoUnit.DAYS.between(LocalDate.of(2026, 1, 1), LocalDate.MAX));
    }
}
