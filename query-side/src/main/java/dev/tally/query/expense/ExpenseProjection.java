package dev.tally.query.expense;

import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.query.dashboard.DashboardFigures;
import dev.tally.query.dashboard.MonthTotals;
import dev.tally.api.feed.FeedEvent;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.BatchReads;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.EventBatch;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Expenses, incomes and transfers: the transaction read model, who may see each one, and the owner's month totals. */
@Component
@ReadModelTables({"transaction_view", "transaction_tag"})
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class ExpenseProjection {

    private final RecordedTransactions transactions;
    private final ExpenseMembers members;
    private final ExpenseViews views;
    private final DashboardFigures dashboard;
    private final MonthTotals monthTotals;
    private final ReadModelChange change;
    private final BatchReads reads;
    /** Which of the batch's recorded transactions were stored before it (a redelivery). */
    private final BatchReads.Read<Set<String>> stored;

    public ExpenseProjection(RecordedTransactions transactions, ExpenseMembers members, ExpenseViews views,
                             DashboardFigures dashboard, MonthTotals monthTotals, ReadModelChange change, BatchReads reads) {
        this.transactions = transactions;
        this.members = members;
        this.views = views;
        this.dashboard = dashboard;
        this.monthTotals = monthTotals;
        this.change = change;
        this.reads = reads;
        this.stored = reads.register(ExpenseProjection::storedAmong);
    }

    @EventHandler
    void on(TransactionRecorded event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            if (storedBeforeThisBatch(event)) {
                return List.of(); // a redelivery
            }
            Transaction t = new Transaction(event.transactionId(), event.ownerId(), event.details(), at, ReadModelChange.index(token));
            transactions.record(t);
            members.add(t.transactionId(), t.members());
            monthTotals.move(null, counted(t));
            return updates(t, FeedEvents.EXPENSE_CREATED, List.of(event.details().date()));
        });
    }

    @EventHandler
    void on(TransactionAmended event, TrackingToken token, @Timestamp Instant at) {
        change(event.transactionId(), token, t -> t.details(event.after(), at, ReadModelChange.index(token)),
                FeedEvents.EXPENSE_UPDATED, List.of(event.before().date(), event.after().date()));
    }

    @EventHandler
    void on(TransactionDeleted event, TrackingToken token, @Timestamp Instant at) {
        change(event.transactionId(), token, t -> t.deleted(at, ReadModelChange.index(token)),
                FeedEvents.EXPENSE_DELETED, List.of(event.details().date()));
    }

    /** A restored expense reappears in lists, so its members hear {@code expense:created}. */
    @EventHandler
    void on(TransactionRestored event, TrackingToken token, @Timestamp Instant at) {
        change(event.transactionId(), token, t -> t.restored(event.details(), at, ReadModelChange.index(token)),
                FeedEvents.EXPENSE_CREATED, List.of(event.details().date()));
    }

    private void change(String transactionId, TrackingToken token, Consumer<Transaction> mutation, FeedEvent<FeedEvents.AboutExpense> feedEvent,
                        List<LocalDate> days) {
        change.apply(token, () -> {
            Transaction t = transactions.find(transactionId)
                    .orElseThrow(() -> new IllegalStateException("event for unknown transaction " + transactionId));
            if (!t.accepts(ReadModelChange.index(token))) {
                return List.of();
            }
            MonthTotals.Counted before = counted(t);
            mutation.accept(t);
            monthTotals.move(before, counted(t));
            return updates(t, feedEvent, days);
        });
    }

    /** Where a transaction counts in its owner's month totals now, or null when it counts nowhere (deleted, or a transfer). */
    private static MonthTotals.Counted counted(Transaction t) {
        if (t.isDeleted() || t.type() == TransactionType.TRANSFER) {
            return null;
        }
        return new MonthTotals.Counted(t.ownerId(), t.date().withDayOfMonth(1), t.categoryId(), t.type(), t.currency(),
                t.amount().minorUnits());
    }

    private boolean storedBeforeThisBatch(TransactionRecorded event) {
        if (!EventBatch.active()) {
            return transactions.exists(event.transactionId());
        }
        return reads.of(stored).contains(event.transactionId());
    }

    /**
     * Which of the batch's recorded transactions were stored before (plain SQL: rows persisted in this transaction are
     * not flushed for it, and a JPA query with a list parameter was translated anew for every batch).
     */
    private static BatchReads.Query<Set<String>> storedAmong(List<Object> events) {
        List<String> ids = events.stream().filter(TransactionRecorded.class::isInstance)
                .map(e -> ((TransactionRecorded) e).transactionId()).toList();
        return ids.isEmpty() ? BatchReads.Query.none(Set.of())
                : BatchReads.Query.of("SELECT transaction_id FROM transaction_view WHERE transaction_id IN (" + BatchReads.placeholders(ids.size()) + ")",
                ids, rows -> {
                    Set<String> found = new HashSet<>();
                    while (rows.next()) {
                        found.add(rows.getString(1));
                    }
                    return found;
                });
    }

    private List<FeedUpdate> updates(Transaction t, FeedEvent<FeedEvents.AboutExpense> feedEvent, List<LocalDate> days) {
        ExpenseView view = views.full(t);
        List<FeedUpdate> updates = new ArrayList<>();
        t.members().forEach(user -> updates.add(new FeedUpdate(user, feedEvent, view)));
        updates.addAll(dashboard.updates(t.ownerId(), days));
        return updates;
    }
}
