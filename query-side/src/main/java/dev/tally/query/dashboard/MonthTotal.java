package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** What an owner's counted transactions of one month, category, type and currency add up to. */
@Entity
@Table(name = "dashboard_month_total")
class MonthTotal {

    @Id
    @Column(name = "total_id")
    private String totalId;
    private String ownerId;
    private LocalDate monthStart;
    private String categoryId;
    @Enumerated(EnumType.STRING)
    private TransactionType type;
    private String currency;
    private long totalMinor;
    private long entries;

    protected MonthTotal() {
    }

    MonthTotal(MonthTotals.Counted counted) {
        this.totalId = counted.totalId();
        this.ownerId = counted.ownerId();
        this.monthStart = counted.monthStart();
        this.categoryId = counted.categoryId();
        this.type = counted.type();
        this.currency = counted.currency();
    }

    String totalId() {
        return totalId;
    }

    String ownerId() {
        return ownerId;
    }

    LocalDate monthStart() {
        return monthStart;
    }

    String categoryId() {
        return categoryId;
    }

    TransactionType type() {
        return type;
    }

    String currency() {
        return currency;
    }

    long totalMinor() {
        return totalMinor;
    }

    long entries() {
        return entries;
    }

    void add(long amountMinor, int entries) {
        this.totalMinor += amountMinor;
        this.entries += entries;
    }
}
