package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.EventBatch;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps {@code dashboard_month_total} in step with the transaction read model, in the projection's transaction: a
 * change moves the transaction's contribution from where it counted before to where it counts now. Each owner's events
 * are projected in order by one segment, so no two transactions change one owner's totals at once. Rows are changed in
 * the persistence context and written with the batch.
 * <p>
 * A batch reads every total of the months its events touch in one query ({@link EventBatch}); the same rows then give
 * those months' {@code dashboard:updated} without another query.
 */
@Component
@ReadModelTables("dashboard_month_total")
public class MonthTotals {

    private static final String KEPT = "month-totals";

    private final EntityManager em;

    public MonthTotals(EntityManager em) {
        this.em = em;
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

    /** Every total of the owner's month with something in it, when this batch has them all in hand. */
    Optional<List<MonthTotal>> kept(String ownerId, LocalDate monthStart) {
        Kept kept = EventBatch.kept(KEPT);
        if (kept == null || !kept.months.contains(new OwnerMonth(ownerId, monthStart))) {
            return Optional.empty();
        }
        return Optional.of(kept.totals.values().stream()
                .filter(t -> t.ownerId().equals(ownerId) && t.monthStart().equals(monthStart) && t.entries() > 0).toList());
    }

    /** The categories of every total this batch keeps (empty outside a batch). */
    Set<String> keptCategoryIds() {
        Kept kept = EventBatch.kept(KEPT);
        return kept == null ? new java.util.HashSet<>() : kept.totals.values().stream().map(MonthTotal::categoryId)
                .filter(Objects::nonNull).collect(Collectors.toCollection(java.util.HashSet::new));
    }

    /** The total a contribution goes to: from the batch's totals when it has the month in hand, else found by id. */
    private MonthTotal total(Counted counted) {
        Kept kept = EventBatch.active() ? EventBatch.once(KEPT, this::read) : null;
        MonthTotal total = kept == null ? null : kept.totals.get(counted.totalId());
        if (total == null && (kept == null || !kept.months.contains(new OwnerMonth(counted.ownerId(), counted.monthStart())))) {
            total = em.find(MonthTotal.class, counted.totalId());
        }
        if (total == null) {
            total = new MonthTotal(counted);
            em.persist(total);
        }
        if (kept != null) {
            kept.totals.put(total.totalId(), total);
        }
        return total;
    }

    /** All totals of the owners' months the events touch (a superset when several owners and months share a batch). */
    private Kept read(List<Object> events) {
        Set<OwnerMonth> months = events.stream().flatMap(MonthTotals::touched).collect(Collectors.toSet());
        Map<String, MonthTotal> totals = new HashMap<>();
        if (!months.isEmpty()) {
            // native: a JPA query with list parameters is translated anew each time, most of what this read cost;
            // no flush first (the batch's totals are all read here, before any of them changes)
            em.createNativeQuery("SELECT * FROM dashboard_month_total WHERE owner_id IN (:owners) AND month_start IN (:months)", MonthTotal.class)
                    .setFlushMode(FlushModeType.COMMIT)
                    .setParameter("owners", months.stream().map(OwnerMonth::ownerId).distinct().toList())
                    .setParameter("months", months.stream().map(OwnerMonth::monthStart).distinct().toList())
                    .getResultList().forEach(t -> totals.put(((MonthTotal) t).totalId(), (MonthTotal) t));
        }
        return new Kept(months, totals);
    }

    /** The months whose totals an event may move. */
    private static Stream<OwnerMonth> touched(Object event) {
        if (event instanceof TransactionRecorded e) {
            return Stream.of(OwnerMonth.of(e.ownerId(), e.details()));
        }
        if (event instanceof TransactionAmended e) {
            return Stream.of(OwnerMonth.of(e.ownerId(), e.before()), OwnerMonth.of(e.ownerId(), e.after()));
        }
        if (event instanceof TransactionDeleted e) {
            return Stream.of(OwnerMonth.of(e.ownerId(), e.details()));
        }
        return event instanceof TransactionRestored e ? Stream.of(OwnerMonth.of(e.ownerId(), e.details())) : Stream.empty();
    }

    private record OwnerMonth(String ownerId, LocalDate monthStart) {
        static OwnerMonth of(String ownerId, TransactionDetails details) {
            return new OwnerMonth(ownerId, details.date().withDayOfMonth(1));
        }
    }

    /** The batch's totals by id, complete for {@code months}. */
    private record Kept(Set<OwnerMonth> months, Map<String, MonthTotal> totals) {
    }

    /** A transaction's contribution to its month's totals. */
    public record Counted(String ownerId, LocalDate monthStart, String categoryId, TransactionType type, String currency,
                          long amountMinor) {
        String totalId() {
            return ownerId + "|" + monthStart + "|" + (categoryId == null ? "" : categoryId) + "|" + type + "|" + currency;
        }
    }
}
