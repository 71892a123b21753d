package dev.tally.command.budget;

import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetRemoved;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
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

    private static final String EXPENSE = "SELECT transaction_id, category_id, spent_on, amount_minor, currency, deleted FROM budget_tracking_expense";

    private final JdbcClient jdbc;
    private final CommandGateway commands;

    BudgetTracking(JdbcClient jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @EventHandler
    void on(BudgetCreated event, @Timestamp Instant createdAt) {
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
                .forEach(expense -> track(budget, expense));
    }

    @EventHandler
    void on(BudgetRemoved event) {
        jdbc.sql("UPDATE budget_tracking_budget SET removed = TRUE WHERE budget_id = ?").param(event.budgetId()).update();
    }

    @EventHandler
    void on(TransactionRecorded event, @SequenceNumber long sequence) {
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
        boolean newest = remember(transactionId, ownerId, sequence, details, deleted);
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
        int inserted = jdbc.sql("INSERT INTO budget_tracking_expense (category_id, spent_on, amount_minor, currency, deleted, sequence_number, owner_id, transaction_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(details.categoryId(), details.date(), details.amount().minorUnits(), details.amount().currency(), deleted, sequence, ownerId, transactionId)
                .update();
        if (inserted == 1) {
            return true;
        }
        return jdbc.sql("UPDATE budget_tracking_expense SET category_id = ?, spent_on = ?, amount_minor = ?, currency = ?, deleted = ?, sequence_number = ? WHERE transaction_id = ? AND sequence_number <= ?")
                .params(details.categoryId(), details.date(), details.amount().minorUnits(), details.amount().currency(), deleted, sequence, transactionId, sequence)
                .update() == 1;
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

    private List<TrackedBudget> budgetsOf(String ownerId) {
        return jdbc.sql("SELECT budget_id, category_id, removed FROM budget_tracking_budget WHERE owner_id = ? AND removed = FALSE ORDER BY budget_id")
                .param(ownerId)
                .query((rs, n) -> new TrackedBudget(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .list();
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
