package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.query.category.Category;
import dev.tally.query.currency.HomeCurrencies;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedPosition;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.EventBatch;
import dev.tally.query.projection.ReadModelChange;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Dashboard figures for any date range are sums over the transaction read model, computed when asked. A month's
 * {@code dashboard:updated}, sent after every change, reads the month totals the projection keeps ({@link MonthTotals})
 * instead: a few rows, however many transactions the month holds.
 */
@Component
public class DashboardFigures {

    private static final int TOP_MERCHANTS = 10;

    /** Month totals first, the uncategorised last among equal totals: the order the query below gives. */
    private static final Comparator<DashboardView.CategoryTotal> LARGEST_FIRST = Comparator
            .comparingLong((DashboardView.CategoryTotal c) -> c.total().minorUnits()).reversed()
            .thenComparing(DashboardView.CategoryTotal::categoryId, Comparator.nullsLast(Comparator.naturalOrder()));

    private final EntityManager em;
    private final JdbcClient jdbc;
    private final MonthTotals monthTotals;
    private final ReadModelChange change;
    private final HomeCurrencies homeCurrencies;

    public DashboardFigures(EntityManager em, JdbcClient jdbc, MonthTotals monthTotals, ReadModelChange change, HomeCurrencies homeCurrencies) {
        this.em = em;
        this.jdbc = jdbc;
        this.change = change;
        this.monthTotals = monthTotals;
        this.homeCurrencies = homeCurrencies;
    }

    public DashboardView view(String ownerId, LocalDate from, LocalDate to, FeedPosition feed) {
        List<DashboardView.CategoryTotal> byCategory = byCategory(ownerId, from, to);
        List<DashboardView.CurrencyTotals> totals = totals(byCategory);
        return new DashboardView(from, to, totals, byCategory, daily(ownerId, from, to), topMerchants(ownerId, from, to),
                DashboardView.HomeTotals.of(homeCurrencies.upTo(ownerId, to), totals), feed);
    }

    /**
     * {@code dashboard:updated} for each month a change touched (an amendment may move an expense between months), as
     * state updates: the month's figures are summed once when the transaction commits, after all its changes.
     */
    public List<FeedUpdate> updates(String ownerId, Collection<LocalDate> days) {
        return days.stream().map(YearMonth::from).distinct().sorted().map(month -> FeedUpdate.state(ownerId, FeedEvents.DASHBOARD_UPDATED,
                month.toString(), () -> update(ownerId, month))).toList();
    }

    private DashboardUpdate update(String ownerId, YearMonth month) {
        List<DashboardView.CategoryTotal> byCategory = monthByCategory(ownerId, month.atDay(1));
        return new DashboardUpdate(month.toString(), month.atDay(1), month.atEndOfMonth(), totals(byCategory), byCategory);
    }

    /**
     * {@link #byCategory} for a whole month, from its kept totals; in the same order. The projection's batch has the
     * totals of the months it changed in hand, and reads only the names of their categories (once for the batch).
     */
    private List<DashboardView.CategoryTotal> monthByCategory(String ownerId, LocalDate monthStart) {
        return monthTotals.kept(ownerId, monthStart).map(totals -> {
            Map<String, Category> categories = EventBatch.once("dashboard-categories", ignored -> categoriesOf(totals));
            return totals.stream().map(t -> new DashboardView.CategoryTotal(t.categoryId(), nameOf(categories, t), t.type(),
                    new Money(t.totalMinor(), t.currency()), t.entries())).sorted(LARGEST_FIRST).toList();
        }).orElseGet(() -> monthByCategoryQuery(ownerId, monthStart));
    }

    /**
     * The categories of every total the batch keeps: read with the first month's figures, when the batch's changes
     * are all made (and flushed for this query, categories created in the batch included).
     */
    private Map<String, Category> categoriesOf(List<MonthTotal> first) {
        Set<String> ids = monthTotals.keptCategoryIds();
        first.stream().map(MonthTotal::categoryId).filter(Objects::nonNull).forEach(ids::add);
        // multi-load keeps its statement (a JPA query with a list parameter is translated anew each time); the session
        // check finds categories created in this batch and not yet written
        return ids.isEmpty() ? Map.of() : em.unwrap(Session.class).byMultipleIds(Category.class).enableSessionCheck(true)
                .multiLoad(List.copyOf(ids)).stream().filter(Objects::nonNull).collect(Collectors.toMap(Category::getId, c -> c));
    }

    /** Only the owner's own category names it (as the query's join). */
    private static String nameOf(Map<String, Category> categories, MonthTotal total) {
        Category category = total.categoryId() == null ? null : categories.get(total.categoryId());
        return category != null && category.ownerId().equals(total.ownerId()) ? category.name() : null;
    }

    /** As the transaction about to commit has the totals: its writes held so far go out first. */
    private List<DashboardView.CategoryTotal> monthByCategoryQuery(String ownerId, LocalDate monthStart) {
        change.catchUp();
        return jdbc.sql("""
                        SELECT m.category_id, c.name, m.type, m.currency, m.total_minor, m.entries FROM dashboard_month_total m
                        LEFT JOIN category_view c ON c.category_id = m.category_id AND c.owner_id = m.owner_id
                        WHERE m.owner_id = ? AND m.month_start = ? AND m.entries > 0
                        ORDER BY m.total_minor DESC, m.category_id""")
                .params(ownerId, Date.valueOf(monthStart))
                .query((r, n) -> new DashboardView.CategoryTotal(r.getString(1), r.getString(2), TransactionType.valueOf(r.getString(3)),
                        new Money(r.getLong(5), r.getString(4)), r.getLong(6))).list();
    }

    /** Income, expense and net per currency: the sums of the per-category sums. */
    private static List<DashboardView.CurrencyTotals> totals(List<DashboardView.CategoryTotal> byCategory) {
        Map<String, long[]> byCurrency = new TreeMap<>();
        for (DashboardView.CategoryTotal c : byCategory) {
            long[] sums = byCurrency.computeIfAbsent(c.total().currency(), k -> new long[2]);
            sums[c.type() == TransactionType.INCOME ? 0 : 1] += c.total().minorUnits();
        }
        return byCurrency.entrySet().stream().map(e -> new DashboardView.CurrencyTotals(e.getKey(),
                new Money(e.getValue()[0], e.getKey()), new Money(e.getValue()[1], e.getKey()),
                new Money(e.getValue()[0] - e.getValue()[1], e.getKey()))).toList();
    }

    /** Sums per category, type and currency, the owner's category names joined in (only the owner's own name it). */
    private List<DashboardView.CategoryTotal> byCategory(String ownerId, LocalDate from, LocalDate to) {
        return em.createQuery("""
                        select t.categoryId, c.name, t.type, t.currency, sum(t.amountMinor), count(t) from Transaction t
                        left join Category c on c.categoryId = t.categoryId and c.ownerId = t.ownerId
                        where t.ownerId = :owner and t.deleted = false and t.date between :from and :to and t.type <> :transfer
                        group by t.categoryId, c.name, t.type, t.currency
                        order by sum(t.amountMinor) desc, t.categoryId""", Object[].class)
                .setParameter("owner", ownerId).setParameter("from", from).setParameter("to", to)
                .setParameter("transfer", TransactionType.TRANSFER).getResultList().stream()
                .map(DashboardFigures::categoryTotal).toList();
    }

    /** A row of category id, category name, type, currency, total in minor units, count. */
    private static DashboardView.CategoryTotal categoryTotal(Object[] r) {
        return new DashboardView.CategoryTotal((String) r[0], (String) r[1], (TransactionType) r[2],
                new Money(((Number) r[4]).longValue(), (String) r[3]), ((Number) r[5]).longValue());
    }

    private List<DashboardView.DailyTotals> daily(String ownerId, LocalDate from, LocalDate to) {
        List<Object[]> rows = em.createQuery("""
                        select t.date, t.currency, t.type, sum(t.amountMinor) from Transaction t
                        where t.ownerId = :owner and t.deleted = false and t.date between :from and :to and t.type <> :transfer
                        group by t.date, t.currency, t.type
                        order by t.date, t.currency""", Object[].class)
                .setParameter("owner", ownerId).setParameter("from", from).setParameter("to", to)
                .setParameter("transfer", TransactionType.TRANSFER).getResultList();
        Map<String, long[]> sums = new TreeMap<>(); // key: date|currency, in date order
        for (Object[] row : rows) {
            long[] s = sums.computeIfAbsent(row[0] + "|" + row[1], k -> new long[2]);
            s[row[2] == TransactionType.INCOME ? 0 : 1] += ((Number) row[3]).longValue();
        }
        return sums.entrySet().stream().map(e -> {
            String[] key = e.getKey().split("\\|");
            return new DashboardView.DailyTotals(LocalDate.parse(key[0]), key[1], new Money(e.getValue()[0], key[1]),
                    new Money(e.getValue()[1], key[1]));
        }).toList();
    }

    private List<DashboardView.MerchantTotal> topMerchants(String ownerId, LocalDate from, LocalDate to) {
        return em.createQuery("""
                        select t.merchant, t.currency, sum(t.amountMinor), count(t) from Transaction t
                        where t.ownerId = :owner and t.deleted = false and t.date between :from and :to
                          and t.type = :expense and t.merchant is not null
                        group by t.merchant, t.currency
                        order by sum(t.amountMinor) desc, t.merchant""", Object[].class)
                .setParameter("owner", ownerId).setParameter("from", from).setParameter("to", to)
                .setParameter("expense", TransactionType.EXPENSE).setMaxResults(TOP_MERCHANTS).getResultList().stream()
                .map(r -> new DashboardView.MerchantTotal((String) r[0], new Money(((Number) r[2]).longValue(), (String) r[1]),
                        ((Number) r[3]).longValue())).toList();
    }
}
