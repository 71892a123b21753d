package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * What an owner's counted transactions of one month, category, type and currency add up to: a row of
 * {@code dashboard_month_total} as a batch of the projection holds it ({@link MonthTotals} writes the changes).
 */
final class MonthTotal {

    static final String COLUMNS = "total_id, owner_id, month_start, category_id, type, currency, total_minor, entries";

    private final String totalId;
    private final String ownerId;
    private final LocalDate monthStart;
    private final String categoryId;
    private final TransactionType type;
    private final String currency;
    private long totalMinor;
    private long entries;

    /** A total nothing has counted in yet. */
    MonthTotal(MonthTotals.Counted counted) {
        this.totalId = counted.totalId();
        this.ownerId = counted.ownerId();
        this.monthStart = counted.monthStart();
        this.categoryId = counted.categoryId();
        this.type = counted.type();
        this.currency = counted.currency();
    }

    /** The row as stored, {@link #COLUMNS} in that order. */
    MonthTotal(ResultSet row) throws SQLException {
        this.totalId = row.getString(1);
        this.ownerId = row.getString(2);
        this.monthStart = row.getObject(3, LocalDate.class);
        this.categoryId = row.getString(4);
        this.type = TransactionType.valueOf(row.getString(5));
        this.currency = row.getString(6);
        this.totalMinor = row.getLong(7);
        this.entries = row.getLong(8);
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
