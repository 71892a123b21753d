package dev.tally.query.budget;

import dev.tally.query.projection.ProjectedRow;
import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

@Entity
@Table(name = "budget_view")
public class Budget extends ProjectedRow {

    @Id
    @Column(name = "budget_id")
    private String budgetId;
    private String ownerId;
    private String name;
    private String categoryId;
    @Enumerated(EnumType.STRING)
    private PeriodType periodType;
    private long limitMinor;
    private String currency;
    private String alertLevels;
    private String timeZone;
    private boolean removed;

    protected Budget() {
    }

    @Override
    public String getId() {
        return budgetId;
    }

    public Budget(String budgetId, String ownerId, String name, String categoryId, PeriodType periodType, Money limit,
                  List<Integer> alertLevels, String timeZone, long index) {
        this.budgetId = budgetId;
        this.ownerId = ownerId;
        this.categoryId = categoryId;
        this.periodType = periodType;
        this.timeZone = timeZone == null ? "UTC" : timeZone;
        changed(name, limit, alertLevels, index);
    }


    public void changed(String name, Money limit, List<Integer> alertLevels, long index) {
        this.name = name;
        this.limitMinor = limit.minorUnits();
        this.currency = limit.currency();
        this.alertLevels = alertLevels.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
        this.lastIndex = index;
    }

    public void removed(long index) {
        this.removed = true;
        this.lastIndex = index;
    }

    /** Spending events change the period rows; the budget row still remembers it saw them. */
    public void saw(long index) {
        this.lastIndex = index;
    }

    /** The period running now where the budget's owner lives. */
    public BudgetPeriod currentPeriod(Clock clock) {
        return BudgetPeriod.containing(periodType, LocalDate.now(clock.withZone(ZoneId.of(timeZone))));
    }

    public String budgetId() {
        return budgetId;
    }

    public String ownerId() {
        return ownerId;
    }

    public String name() {
        return name;
    }

    public String categoryId() {
        return categoryId;
    }

    public PeriodType periodType() {
        return periodType;
    }

    public Money limit() {
        return new Money(limitMinor, currency);
    }

    public String currency() {
        return currency;
    }

    public List<Integer> alertLevels() {
        return alertLevels.isEmpty() ? List.of() : Arrays.stream(alertLevels.split(",")).map(Integer::valueOf).toList();
    }

    public String timeZone() {
        return timeZone;
    }

    public boolean isRemoved() {
        return removed;
    }
}
