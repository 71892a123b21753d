package dev.tally.query.audit;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountRenamed;
import dev.tally.api.account.AccountType;
import dev.tally.api.budget.BudgetChanged;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetRemoved;
import dev.tally.api.budget.BudgetSpendingTracked;
import dev.tally.api.budget.BudgetThresholdReached;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.expense.ExpenseCommented;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.ExpenseUnshared;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.money.Money;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.tally.api.settle.PaymentAmended;
import dev.tally.api.settle.PaymentDeleted;
import dev.tally.api.settle.PaymentDisputed;
import dev.tally.api.settle.PaymentRecorded;

/** States of audited things folded from their events: the same facts the projections use, at any moment. */
final class HistoricStates {

    private HistoricStates() {
    }

    record AccountState(String id, String name, AccountType type, String currency, Money balance, boolean closed) {
    }

    record TransactionState(String id, String ownerId, TransactionDetails details, boolean deleted, SplitMethod splitMethod,
                            List<Share> shares, int comments) {
    }

    record BudgetState(String id, String name, String categoryId, PeriodType period, Money limit, List<Integer> alertLevels,
                       String timeZone, boolean removed, Map<String, Money> spentByPeriod, Map<String, List<Integer>> levelsReachedByPeriod) {
    }

    /** {@code counts}: it moves balances (neither disputed nor deleted). */
    record PaymentState(String id, String payerId, String payeeId, Money amount, String groupId, java.time.LocalDate date, String note,
                        boolean disputed, String disputeReason, boolean deleted) {
    }

    /** The record a kind's state is. */
    static Class<?> stateType(AuditKind kind) {
        return switch (kind) {
            case ACCOUNT -> AccountState.class;
            case TRANSACTION -> TransactionState.class;
            case BUDGET -> BudgetState.class;
            case PAYMENT -> PaymentState.class;
        };
    }

    /** Folds one event into the state so far (null before the thing existed); events of other kinds leave it as it is. */
    static Object fold(AuditKind kind, Object state, Object event) {
        return switch (kind) {
            case ACCOUNT -> account((AccountState) state, event);
            case TRANSACTION -> transaction((TransactionState) state, event);
            case BUDGET -> budget((BudgetState) state, event);
            case PAYMENT -> payment((PaymentState) state, event);
        };
    }

    private static AccountState account(AccountState s, Object event) {
        if (event instanceof AccountOpened e) {
            return new AccountState(e.accountId(), e.name(), e.type(), e.currency(), e.openingBalance(), false);
        }
        if (s == null) {
            return null;
        }
        if (event instanceof AccountRenamed e) {
            return new AccountState(s.id(), e.name(), s.type(), s.currency(), s.balance(), s.closed());
        }
        if (event instanceof AccountClosed) {
            return new AccountState(s.id(), s.name(), s.type(), s.currency(), s.balance(), true);
        }
        if (event instanceof AccountBalanceChanged e) {
            return new AccountState(s.id(), s.name(), s.type(), s.currency(), e.balance(), s.closed());
        }
        return s;
    }

    private static TransactionState transaction(TransactionState s, Object event) {
        if (event instanceof TransactionRecorded e) {
            return new TransactionState(e.transactionId(), e.ownerId(), e.details(), false, null, List.of(), 0);
        }
        if (s == null) {
            return null;
        }
        if (event instanceof TransactionAmended e) {
            return new TransactionState(s.id(), s.ownerId(), e.after(), s.deleted(), s.splitMethod(), s.shares(), s.comments());
        }
        if (event instanceof TransactionDeleted) {
            return new TransactionState(s.id(), s.ownerId(), s.details(), true, s.splitMethod(), s.shares(), s.comments());
        }
        if (event instanceof TransactionRestored e) {
            return new TransactionState(s.id(), s.ownerId(), e.details(), false, s.splitMethod(), s.shares(), s.comments());
        }
        if (event instanceof ExpenseShared e) {
            return new TransactionState(s.id(), s.ownerId(), s.details(), s.deleted(), e.method(), e.shares(), s.comments());
        }
        if (event instanceof ExpenseUnshared) {
            return new TransactionState(s.id(), s.ownerId(), s.details(), s.deleted(), null, List.of(), s.comments());
        }
        if (event instanceof ExpenseCommented) {
            return new TransactionState(s.id(), s.ownerId(), s.details(), s.deleted(), s.splitMethod(), s.shares(), s.comments() + 1);
        }
        return s;
    }

    private static PaymentState payment(PaymentState s, Object event) {
        if (event instanceof PaymentRecorded e) {
            return new PaymentState(e.paymentId(), e.payerId(), e.payeeId(), e.amount(), e.groupId(), e.date(), e.note(), false, null, false);
        }
        if (s == null) {
            return null;
        }
        if (event instanceof PaymentAmended e) {
            return new PaymentState(s.id(), s.payerId(), s.payeeId(), e.amount(), s.groupId(), e.date(), e.note(), false, null, s.deleted());
        }
        if (event instanceof PaymentDisputed e) {
            return new PaymentState(s.id(), s.payerId(), s.payeeId(), s.amount(), s.groupId(), s.date(), s.note(), true, e.reason(), s.deleted());
        }
        if (event instanceof PaymentDeleted) {
            return new PaymentState(s.id(), s.payerId(), s.payeeId(), s.amount(), s.groupId(), s.date(), s.note(), s.disputed(), s.disputeReason(), true);
        }
        return s;
    }

    private static BudgetState budget(BudgetState s, Object event) {
        if (event instanceof BudgetCreated e) {
            return new BudgetState(e.budgetId(), e.name(), e.categoryId(), e.period(), e.limit(), e.alertLevels(), e.timeZone(), false,
                    Map.of(), Map.of());
        }
        if (s == null) {
            return null;
        }
        if (event instanceof BudgetChanged e) {
            return new BudgetState(s.id(), e.name(), s.categoryId(), s.period(), e.limit(), e.alertLevels(), s.timeZone(), s.removed(),
                    s.spentByPeriod(), s.levelsReachedByPeriod());
        }
        if (event instanceof BudgetRemoved) {
            return new BudgetState(s.id(), s.name(), s.categoryId(), s.period(), s.limit(), s.alertLevels(), s.timeZone(), true,
                    s.spentByPeriod(), s.levelsReachedByPeriod());
        }
        if (event instanceof BudgetSpendingTracked e) {
            Map<String, Money> spent = new TreeMap<>(s.spentByPeriod());
            spent.put(e.period(), e.spent());
            return new BudgetState(s.id(), s.name(), s.categoryId(), s.period(), s.limit(), s.alertLevels(), s.timeZone(), s.removed(),
                    spent, s.levelsReachedByPeriod());
        }
        if (event instanceof BudgetThresholdReached e) {
            Map<String, List<Integer>> levels = new TreeMap<>(s.levelsReachedByPeriod());
            TreeSet<Integer> reached = new TreeSet<>(levels.getOrDefault(e.period(), List.of()));
            reached.add(e.level());
            levels.put(e.period(), List.copyOf(reached));
            return new BudgetState(s.id(), s.name(), s.categoryId(), s.period(), s.limit(), s.alertLevels(), s.timeZone(), s.removed(),
                    s.spentByPeriod(), levels);
        }
        return s;
    }
}
