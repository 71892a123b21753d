package dev.tally.query.budget;

import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.PeriodType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The period a stored key names, without Spring: the key a budget event carries and the period it stands for agree. */
class BudgetPeriodKeysTest {

    @Test
    void aKeyNamesThePeriodItWasMadeFrom() {
        for (PeriodType type : PeriodType.values()) {
            for (LocalDate day = LocalDate.of(2020, 12, 25); day.isBefore(LocalDate.of(2021, 1, 12)); day = day.plusDays(1)) {
                BudgetPeriod period = BudgetPeriod.containing(type, day);
                assertThat(BudgetViews.period(type, period.key())).as("%s %s", type, period.key()).isEqualTo(period);
            }
        }
    }

    @Test
    void weeksAreIsoWeeksStartingOnMonday() {
        assertThat(BudgetViews.period(PeriodType.WEEKLY, "2026-W48").start()).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(BudgetViews.period(PeriodType.WEEKLY, "2020-W53").start()).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(BudgetViews.period(PeriodType.MONTHLY, "2026-11").start()).isEqualTo(LocalDate.of(2026, 11, 1));
        assertThat(BudgetViews.period(PeriodType.YEARLY, "2026").start()).isEqualTo(LocalDate.of(2026, 1, 1));
    }
}
