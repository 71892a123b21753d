package dev.tally.query.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a budget's period has spent (as the command side tracked it) and the alert levels it reached. */
@Entity
@Table(name = "budget_period_view")
public class BudgetPeriodSpending {

    @EmbeddedId
    private Key key;
    private LocalDate periodStart;
    private long spentMinor;
    private String levelsReached = "";

    protected BudgetPeriodSpending() {
    }

    BudgetPeriodSpending(String budgetId, String period, LocalDate periodStart) {
        this.key = new Key(budgetId, period);
        this.periodStart = periodStart;
    }

    void spent(long minor) {
        this.spentMinor = minor;
    }

    void reached(int level) {
        TreeSet<Integer> levels = new TreeSet<>(levelsReached());
        levels.add(level);
        this.levelsReached = levels.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    long spentMinor() {
        return spentMinor;
    }

    LocalDate periodStart() {
        return periodStart;
    }

    List<Integer> levelsReached() {
        return levelsReached.isEmpty() ? List.of() : Arrays.stream(levelsReached.split(",")).map(Integer::valueOf).toList();
    }

    @Embeddable
    public record Key(@Column(name = "budget_id") String budgetId, @Column(name = "period_key") String period) implements Serializable {
    }
}
