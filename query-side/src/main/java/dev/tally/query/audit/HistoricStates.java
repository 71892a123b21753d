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
import dev.tally.api.importing.ImportCancelled;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.importing.StatementImported;
import dev.tally.api.money.Money;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringAmended;
import dev.tally.api.recurring.RecurringEnded;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringOccurrenceSkipped;
import dev.tally.api.recurring.RecurringPaused;
import dev.tally.api.recurring.RecurringResumed;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.recurring.RecurringTemplate;

import java.time.LocalDate;
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

    /**
     * {@code nextIndex}: the occurrence due next, past skipped ones (as the aggregate counts); {@code recorded}: how
     * many occurrences were recorded, the last on {@code lastDate} as {@code lastTransactionId}.
     */
    record RecurringState(String id, String ownerId, RecurringTemplate template, Recurrence recurrence, String timeZone,
                          boolean paused, boolean ended, long nextIndex, List<Long> skipped, int recorded, LocalDate lastDate,
                          String lastTransactionId) {

        RecurringState with(RecurringTemplate template, boolean paused, boolean ended, long nextIndex, List<Long> skipped) {
            return new RecurringState(id, ownerId, template, recurrence, timeZone, paused, ended, nextIndex, skipped, recorded, lastDate, lastTransactionId);
        }
    }

    /** {@code state}: RUNNING, FINISHED, CANCELLED or UNDONE, as the imports list says; {@code deleted}: by the cancel or undo. */
    record ImportState(String id, String ownerId, String accountId, String format, String fileName, String state, int total,
                       int processed, int recorded, int duplicates, List<RefusedRow> refused, int deleted) {
    }

    /** The record a kind's state is. */
    static Class<?> stateType(AuditKind kind) {
        return switch (kind) {
            case ACCOUNT -> AccountState.class;
            case TRANSACTION -> TransactionState.class;
            case BUDGET -> BudgetState.class;
            case PAYMENT -> PaymentState.class;
            case RECURRING -> RecurringState.class;
            case IMPORT -> ImportState.class;
        };
    }

    /** Folds one event into the state so far (null before the thing existed); events of other kinds leave it as it is. */
    static Object fold(AuditKind kind, Object state, Object event) {
        return switch (kind) {
            case ACCOUNT -> account((AccountState) state, event);
            case TRANSACTION -> transaction((TransactionState) state, event);
            case BUDGET -> budget((BudgetState) state, event);
            case PAYMENT -> payment((PaymentState) state, event);
            case RECURRING -> recurring((RecurringState) state, event);
            case IMPORT -> importing((ImportState) state, event);
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

    private static RecurringState recurring(RecurringState s, Object event) {
        if (event instanceof RecurringSetUp e) {
            return new RecurringState(e.recurringId(), e.ownerId(), e.template(), e.recurrence(), e.timeZone(), false,
                    e.recurrence().endsBefore(0), 0, List.of(), 0, null, null);
        }
        if (s == null) {
            return null;
        }
        if (event instanceof RecurringAmended e) {
            return s.with(e.template(), s.paused(), s.ended(), s.nextIndex(), s.skipped());
        }
        if (event instanceof RecurringPaused) {
            return s.with(s.template(), true, s.ended(), s.nextIndex(), s.skipped());
        }
        if (event instanceof RecurringResumed e) {
            return s.with(s.template(), false, s.ended(), nextAfterSkipped(e.nextIndex(), s.skipped()), s.skipped());
        }
        if (event instanceof RecurringOccurrenceSkipped e) {
            TreeSet<Long> skipped = new TreeSet<>(s.skipped());
            skipped.add(e.index());
            List<Long> all = List.copyOf(skipped);
            return s.with(s.template(), s.paused(), s.ended(), nextAfterSkipped(s.nextIndex(), all), all);
        }
        if (event instanceof RecurringEnded) {
            return s.with(s.template(), s.paused(), true, s.nextIndex(), s.skipped());
        }
        if (event instanceof RecurringOccurrenceRecorded e) {
            return new RecurringState(s.id(), s.ownerId(), s.template(), s.recurrence(), s.timeZone(), s.paused(), s.ended(),
                    nextAfterSkipped(e.index() + 1, s.skipped()), s.skipped(), s.recorded() + 1, e.date(), e.transactionId());
        }
        return s;
    }

    private static long nextAfterSkipped(long index, List<Long> skipped) {
        long next = index;
        while (skipped.contains(next)) {
            next++;
        }
        return next;
    }

    private static ImportState importing(ImportState s, Object event) {
        if (event instanceof ImportStarted e) {
            return new ImportState(e.importId(), e.ownerId(), e.accountId(), e.format(), e.fileName(), "RUNNING", e.total(), 0, 0, 0, List.of(), 0);
        }
        if (event instanceof StatementImported e) { // at once (the first event), or a job's end
            int processed = e.recorded() + e.duplicates();
            return new ImportState(e.importId(), e.ownerId(), e.accountId(), e.format(), e.fileName(), "FINISHED",
                    Math.max(s == null ? 0 : s.total(), processed), processed, e.recorded(), e.duplicates(), e.refused(), 0);
        }
        if (s == null) {
            return null;
        }
        if (event instanceof ImportProgressed e) {
            return new ImportState(s.id(), s.ownerId(), s.accountId(), s.format(), s.fileName(), s.state(), e.total(), e.processed(),
                    e.recorded(), e.duplicates(), s.refused(), s.deleted());
        }
        if (event instanceof ImportCancelled e) {
            return new ImportState(s.id(), s.ownerId(), s.accountId(), s.format(), s.fileName(), "CANCELLED", s.total(), s.processed(),
                    s.recorded(), s.duplicates(), s.refused(), e.deleted());
        }
        if (event instanceof ImportUndone e) {
            return new ImportState(s.id(), s.ownerId(), s.accountId(), s.format(), s.fileName(), "UNDONE", s.total(), s.processed(),
                    s.recorded(), s.duplicates(), s.refused(), e.deleted());
        }
        return s;
    }
}
