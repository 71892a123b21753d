package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionType;
import dev.tally.query.expense.Transaction;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Keeps {@code dashboard_month_total} in step with the transaction read model, in the projection's transaction: a
 * change moves the transaction's contribution from where it counted before to where it counts now. Each owner's events
 * are projected in order by one segment, so no two transactions change one owner's totals at once. Rows are changed in
 * the persistence context and written with the batch.
 */
@Component
public class MonthTotals {

    private final EntityManager em;

    public MonthTotals(EntityManager em) {
        this.em = em;
    }

    /** Where a transaction counts now, or null when it counts nowhere (deleted, or a transfer). */
    public static Counted counted(Transaction t) {
        if (t.isDeleted() || t.type() == TransactionType.TRANSFER) {
            return null;
        }
        return new Counted(t.ownerId(), t.date().withDayOfMonth(1), t.categoryId(), t.type(), t.currency(), t.amount().minorUnits());
    }

    /**
     * Takes {@code before} out of its month's total and adds {@code after} to its own; either may be null. A change that
     * leaves the contribution as it was (a new description, a redelivered restore) writes nothing.
     */
    public void move(Counted before, Counted after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null) {
            total(before).add(-before.amountMinor(), -1);
        }
        if (after != null) {
            total(after).add(after.amountMinor(), 1);
        }
    }

    private MonthTotal total(Counted counted) {
        MonthTotal total = em.find(MonthTotal.class, counted.totalId());
        if (total == null) {
            total = new MonthTotal(counted);
            em.persist(total);
        }
        return total;
    }

    /** A transaction's contribution to its month's totals. */
    public record Counted(String ownerId, LocalDate monthStart, String categoryId, TransactionType type, String currency,
                          long amountMinor) {
        String totalId() {
            return ownerId + "|" + monthStart + "|" + (categoryId == null ? "" : categoryId) + "|" + type + "|" + currency;
        }
    }
}
