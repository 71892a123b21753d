package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.query.projection.BatchReads;
import dev.tally.query.projection.EventBatch;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * are projected in order by one segment, so no two transactions change one owner's totals at once.
 * <p>
 * What the moves add to each total is written once per total and transaction (created when missing), plain SQL that
 * goes out with the batch's other writes ({@link ReadModelChange#held}): no JPA entity, whose reads, dirty checks and
 * flushes were most of what the totals cost the read side (docs/benchmarks.md). A batch reads every total of the months its events touch in
 * one query, with the batch's other reads ({@link BatchReads}), and keeps them up to date in memory; the same rows then give those months'
 * {@code dashboard:updated} without another query.
 */
@Component
@ReadModelTables("dashboard_month_total")
public class MonthTotals {

    private static final Object ADDITIONS = MonthTotals.class.getName() + ".additions";
    /** Adds to a total, creating it when missing (standard MERGE: PostgreSQL 15 and H2 both run it). */
    private static final String ADD = """
            MERGE INTO dashboard_month_total AS total
            USING (VALUES (CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(64)), CAST(? AS DATE), CAST(? AS VARCHAR(64)),
                           CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(3)), CAST(? AS BIGINT), CAST(? AS BIGINT)))
                  AS added (total_id, owner_id, month_start, category_id, type, currency, total_minor, entries)
               ON total.total_id = added.total_id
             WHEN MATCHED THEN UPDATE SET total_minor = total.total_minor + added.total_minor, entries = total.entries + added.entries
             WHEN NOT MATCHED THEN INSERT (%s)
                  VALUES (added.total_id, added.owner_id, added.month_start, added.category_id, added.type, added.currency,
                          added.total_minor, added.entries)""".formatted(MonthTotal.COLUMNS);

    private final ReadModelChange change;
    private final BatchReads reads;
    /** Every total of the months the batch's events touch. */
    private final BatchReads.Read<Kept> monthsRead;

    public MonthTotals(ReadModelChange change, BatchReads reads) {
        this.reads = reads;
        this.monthsRead = reads.register(MonthTotals::read);
        this.change = change;
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
            add(before, -before.amountMinor(), -1);
        }
        if (after != null) {
            add(after, after.amountMinor(), 1);
        }
    }

    private void add(Counted counted, long amountMinor, int entries) {
        Kept kept = EventBatch.active() ? reads.of(monthsRead) : null;
        if (kept != null && kept.months.contains(new OwnerMonth(counted.ownerId(), counted.monthStart()))) {
            kept.totals.computeIfAbsent(counted.totalId(), id -> new MonthTotal(counted)).add(amountMinor, entries);
        }
        if (change.holdsWrites()) {
            change.held(ADDITIONS, Additions::new).add(counted, amountMinor, entries);
        } else {
            write(counted, amountMinor, entries);
        }
    }

    private void write(Counted counted, long amountMinor, long entries) {
        change.write(ADD, counted.totalId(), counted.ownerId(), Date.valueOf(counted.monthStart()), counted.categoryId(),
                counted.type().name(), counted.currency(), amountMinor, entries);
    }

    /** What the transaction's moves add to each total, written once per total. */
    private final class Additions implements ReadModelChange.HeldRows {
        private final Map<String, Addition> byTotal = new LinkedHashMap<>();

        void add(Counted counted, long amountMinor, int entries) {
            Addition addition = byTotal.computeIfAbsent(counted.totalId(), id -> new Addition(counted));
            addition.amountMinor += amountMinor;
            addition.entries += entries;
        }

        @Override
        public void write() {
            byTotal.values().stream().filter(a -> a.amountMinor != 0 || a.entries != 0)
                    .forEach(a -> MonthTotals.this.write(a.counted, a.amountMinor, a.entries));
            byTotal.clear();
        }
    }

    private static final class Addition {
        private final Counted counted;
        private long amountMinor;
        private long entries;

        Addition(Counted counted) {
            this.counted = counted;
        }
    }

    /** Every total of the owner's month with something in it, when this batch has them all in hand. */
    Optional<List<MonthTotal>> kept(String ownerId, LocalDate monthStart) {
        Kept kept = reads.kept(monthsRead);
        if (kept == null || !kept.months.contains(new OwnerMonth(ownerId, monthStart))) {
            return Optional.empty();
        }
        return Optional.of(kept.totals.values().stream()
                .filter(t -> t.ownerId().equals(ownerId) && t.monthStart().equals(monthStart) && t.entries() > 0).toList());
    }

    /** The categories of every total this batch keeps (empty outside a batch). */
    Set<String> keptCategoryIds() {
        Kept kept = reads.kept(monthsRead);
        return kept == null ? new java.util.HashSet<>() : kept.totals.values().stream().map(MonthTotal::categoryId)
                .filter(Objects::nonNull).collect(Collectors.toCollection(java.util.HashSet::new));
    }

    /** All totals of the owners' months the events touch (a superset when several owners and months share a batch). */
    private static BatchReads.Query<Kept> read(List<Object> events) {
        Set<OwnerMonth> months = events.stream().flatMap(MonthTotals::touched).collect(Collectors.toSet());
        if (months.isEmpty()) {
            return BatchReads.Query.none(new Kept(months, new HashMap<>()));
        }
        // the batch's totals are all read here, before any of them changes
        List<String> owners = months.stream().map(OwnerMonth::ownerId).distinct().toList();
        List<Date> starts = months.stream().map(m -> Date.valueOf(m.monthStart())).distinct().toList();
        return BatchReads.Query.of("SELECT " + MonthTotal.COLUMNS + " FROM dashboard_month_total WHERE owner_id IN ("
                        + BatchReads.placeholders(owners.size()) + ") AND month_start IN (" + BatchReads.placeholders(starts.size()) + ")",
                Stream.concat(owners.stream(), starts.stream()).toList(), rows -> {
                    Map<String, MonthTotal> totals = new HashMap<>();
                    while (rows.next()) {
                        MonthTotal total = new MonthTotal(rows);
                        totals.put(total.totalId(), total);
                    }
                    return new Kept(months, totals);
                });
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
