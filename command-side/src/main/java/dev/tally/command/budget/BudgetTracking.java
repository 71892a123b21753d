package dev.tally.command.budget;

import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetRemoved;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionLifecycleEvent;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The process manager that keeps budgets' spending: on every expense event it tells each budget the expense may
 * concern what the expense now contributes ({@link TrackBudgetSpending}); on a new budget, what the expenses already
 * recorded in its first period contribute. It sends the expense's newest known state, and tracking is absolute, so a
 * redelivered or replayed event changes nothing. Incomes and transfers never count. Its tables, its token and the
 * budgets' new events commit in one transaction (the commands run in this processor's unit of work).
 */
@Component
@ProcessingGroup(Budget.TRACKING_GROUP)
class BudgetTracking {

    /** The budgets of the batch's expense owners, read once per batch of events (a unit-of-work resource). */
    private static final String BATCH_BUDGETS = BudgetTracking.class.getName() + ".budgets";
    /** The expenses the batch records, remembered together at the first of them: those not handled yet. */
    private static final String BATCH_RECORDED = BudgetTracking.class.getName() + ".recorded";
    private static final String REMEMBER = "INSERT INTO budget_tracking_expense (category_id, spent_on, amount_minor, currency, deleted, sequence_number, owner_id, transaction_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String EXPENSE = "SELECT transaction_id, category_id, spent_on, amount_minor, currency, deleted FROM budget_tracking_expense";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final CommandGateway commands;

    BudgetTracking(JdbcClient jdbc, JdbcTemplate batches, CommandGateway commands) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.commands = commands;
    }

    @EventHandler
    void on(BudgetCreated event, @Timestamp Instant createdAt) {
        forgetBatchBudgets();
        if (budget(event.budgetId()) == null) {
            jdbc.sql("INSERT INTO budget_tracking_budget (budget_id, owner_id, category_id, removed) VALUES (?, ?, ?, FALSE)")
                    .params(event.budgetId(), event.ownerId(), event.categoryId())
                    .update();
        }
        TrackedBudget budget = budget(event.budgetId());
        if (budget.removed()) {
            return; // a redelivery after the budget was removed
        }
        LocalDate firstDay = Budget.firstDay(event.period(), createdAt, event.timeZone());
        jdbc.sql(EXPENSE + " WHERE owner_id = ? AND deleted = FALSE AND spent_on >= ? ORDER BY spent_on, transaction_id")
                .params(event.ownerId(), firstDay)
                .query(BudgetTracking::expense)
                .list().stream()
                .filter(expense -> budget.covers(expense.categoryId()))
                .filter(expense -> !recordedLaterInBatch().contains(expense.transactionId())) // tracked by their own event
                .forEach(expense -> track(budget, expense));
    }

    @EventHandler
    void on(BudgetRemoved event) {
        forgetBatchBudgets();
        jdbc.sql("UPDATE budget_tracking_budget SET removed = TRUE WHERE budget_id = ?").param(event.budgetId()).update();
    }

    @EventHandler
    void on(TransactionRecorded event, @SequenceNumber long sequence) {
        if (event.details().type() == TransactionType.EXPENSE && recordedInBatch().remove(event.transactionId())) {
            expenseChanged(event.transactionId(), event.ownerId(), event.details(), false, null, true);
            return;
        }
        expenseChanged(event.transactionId(), event.ownerId(), sequence, event.details(), false, null);
    }

    /** Both categories matter: a budget the expense left must hear that it now contributes nothing. */
    @EventHandler
    void on(TransactionAmended event, @SequenceNumber long sequence) {
        expenseChanged(event.transactionId(), event.ownerId(), sequence, event.after(), false, event.before().categoryId());
    }

    @EventHandler
    void on(TransactionDeleted event, @SequenceNumber long sequence) {
        expenseChanged(event.transactionId(), event.ownerId(), sequence, event.details(), true, null);
    }

    @EventHandler
    void on(TransactionRestored event, @SequenceNumber long sequence) {
        expenseChanged(event.transactionId(), event.ownerId(), sequence, event.details(), false, null);
    }

    private void expenseChanged(String transactionId, String ownerId, long sequence, TransactionDetails details,
                                boolean deleted, String formerCategoryId) {
        if (details.type() != TransactionType.EXPENSE) {
            return; // incomes and transfers never count against a budget (a transaction's type never changes)
        }
        expenseChanged(transactionId, ownerId, details, deleted, formerCategoryId, remember(transactionId, ownerId, sequence, details, deleted));
    }

    /** {@code newest}: whether this event's state is the one remembered (else the remembered one is read). */
    private void expenseChanged(String transactionId, String ownerId, TransactionDetails details, boolean deleted,
                                String formerCategoryId, boolean newest) {
        List<TrackedBudget> budgets = budgetsOf(ownerId);
        if (budgets.isEmpty()) {
            return; // most people have no budget: the expense is remembered for when they make one
        }
        Expense expense = newest
                ? new Expense(transactionId, details.categoryId(), details.date(), details.amount(), deleted)
                : jdbc.sql(EXPENSE + " WHERE transaction_id = ?").param(transactionId).query(BudgetTracking::expense).single();
        Set<String> categories = new HashSet<>();
        categories.add(details.categoryId());
        categories.add(formerCategoryId);
        categories.add(expense.categoryId());
        budgets.stream()
                .filter(budget -> budget.categoryId() == null || categories.contains(budget.categoryId()))
                .forEach(budget -> track(budget, expense));
    }

    /**
     * Keeps the newest state: an older event delivered again must not overwrite what a later one said. Answers whether
     * this event's state is now the one remembered. A new expense (the common case) costs one statement.
     */
    private boolean remember(String transactionId, String ownerId, long sequence, TransactionDetails details, boolean deleted) {
        int inserted = jdbc.sql(REMEMBER).params(row(transactionId, ownerId, sequence, details, deleted)).update();
        if (inserted == 1) {
            return true;
        }
        return jdbc.sql("UPDATE budget_tracking_expense SET category_id = ?, spent_on = ?, amount_minor = ?, currency = ?, deleted = ?, sequence_number = ? WHERE transaction_id = ? AND sequence_number <= ?")
                .params(details.categoryId(), details.date(), details.amount().minorUnits(), details.amount().currency(), deleted, sequence, transactionId, sequence)
                .update() == 1;
    }

    private static Object[] row(String transactionId, String ownerId, long sequence, TransactionDetails details, boolean deleted) {
        return new Object[]{details.categoryId(), details.date(), details.amount().minorUnits(), details.amount().currency(),
                deleted, sequence, ownerId, transactionId};
    }

    /**
     * The new expenses of the batch not handled yet. At the batch's first, every expense it records that is not
     * remembered yet is remembered in one JDBC batch (one statement, the driver rewriting it, instead of one per
     * expense), each as its own event would have: a new expense's event then only takes its id from here.
     */
    private Set<String> recordedInBatch() {
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            return new HashSet<>();
        }
        return batch.getOrComputeResource(BATCH_RECORDED, k -> rememberRecorded(batch));
    }

    /** What {@link #recordedInBatch} holds, without remembering anything (empty before the batch's first expense). */
    private static Set<String> recordedLaterInBatch() {
        Set<String> pending = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().root().getResource(BATCH_RECORDED) : null;
        return pending == null ? Set.of() : pending;
    }

    private Set<String> rememberRecorded(BatchingUnitOfWork<?> batch) {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        for (var message : batch.getMessages()) {
            if (message.getPayloadType() == TransactionRecorded.class && message instanceof DomainEventMessage<?> event
                    && event.getPayload() instanceof TransactionRecorded recorded && recorded.details().type() == TransactionType.EXPENSE) {
                rows.putIfAbsent(recorded.transactionId(),
                        row(recorded.transactionId(), recorded.ownerId(), event.getSequenceNumber(), recorded.details(), false));
            }
        }
        if (!rows.isEmpty()) {
            jdbc.sql("SELECT transaction_id FROM budget_tracking_expense WHERE transaction_id IN (:ids)").param("ids", rows.keySet())
                    .query(String.class).list().forEach(rows::remove); // redelivered: their events go the usual way
            batches.batchUpdate(REMEMBER, new ArrayList<>(rows.values()));
        }
        return new HashSet<>(rows.keySet());
    }

    private void track(TrackedBudget budget, Expense expense) {
        Money counted = !expense.deleted() && budget.covers(expense.categoryId())
                ? expense.amount() : Money.zero(expense.amount().currency());
        commands.sendAndWait(new TrackBudgetSpending(budget.budgetId(), expense.transactionId(), expense.spentOn(), counted));
    }

    private TrackedBudget budget(String budgetId) {
        return jdbc.sql("SELECT budget_id, category_id, removed FROM budget_tracking_budget WHERE budget_id = ?")
                .param(budgetId)
                .query((rs, n) -> new TrackedBudget(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional().orElse(null);
    }

    /**
     * The owner's budgets. In a batch of events, the budgets of every owner whose expenses the batch carries are read
     * together at its first expense (one query per batch instead of one per expense, which was a tenth of an expense's
     * statements); a budget created or removed in the batch has them read again.
     */
    private List<TrackedBudget> budgetsOf(String ownerId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return budgetsOf(List.of(ownerId)).get(ownerId);
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<TrackedBudget> known = batch.<Map<String, List<TrackedBudget>>>getOrComputeResource(BATCH_BUDGETS,
                k -> budgetsOf(expenseOwners(batch, ownerId))).get(ownerId);
        return known != null ? known : budgetsOf(List.of(ownerId)).get(ownerId);
    }

    /** Each owner's budgets not removed, in budget id order (an owner without any: an empty list). */
    private Map<String, List<TrackedBudget>> budgetsOf(Collection<String> ownerIds) {
        Map<String, List<TrackedBudget>> budgets = new HashMap<>();
        ownerIds.forEach(owner -> budgets.put(owner, new ArrayList<>()));
        jdbc.sql("SELECT owner_id, budget_id, category_id, removed FROM budget_tracking_budget WHERE owner_id IN (:owners) AND removed = FALSE ORDER BY budget_id")
                .param("owners", ownerIds)
                .query(rs -> {
                    budgets.get(rs.getString(1)).add(new TrackedBudget(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                });
        return budgets;
    }

    /** The owners of the expense events in the batch (read from payload types first: other events stay serialized). */
    private static Set<String> expenseOwners(UnitOfWork<?> batch, String ownerId) {
        Set<String> owners = new HashSet<>();
        owners.add(ownerId);
        if (batch instanceof BatchingUnitOfWork<?> events) {
            events.getMessages().stream()
                    .filter(m -> TransactionLifecycleEvent.class.isAssignableFrom(m.getPayloadType()))
                    .map(m -> ((TransactionLifecycleEvent) m.getPayload()).ownerId())
                    .forEach(owners::add);
        }
        return owners;
    }

    private static void forgetBatchBudgets() {
        CurrentUnitOfWork.ifStarted(unitOfWork -> unitOfWork.root().resources().remove(BATCH_BUDGETS));
    }

    private static Expense expense(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Expense(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                new Money(rs.getLong(4), rs.getString(5)), rs.getBoolean(6));
    }

    /** A budget as the process manager needs it: which expenses it covers (null category: all of them). */
    record TrackedBudget(String budgetId, String categoryId, boolean removed) {
        boolean covers(String expenseCategoryId) {
            return categoryId == null || categoryId.equals(expenseCategoryId);
        }
    }

    record Expense(String transactionId, String categoryId, LocalDate spentOn, Money amount, boolean deleted) {
    }
}
