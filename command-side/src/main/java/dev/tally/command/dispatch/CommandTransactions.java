package dev.tally.command.dispatch;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The command bus's transactions. A command handled alone gets its own transaction, as usual. A command handled in a
 * {@link GroupCommit} works inside the group's transaction but has none of its own: a refusal rolls back only its own
 * unit of work (whose events were never written), where taking part in the group's transaction would mark it
 * rollback-only and fail every other command of the group.
 */
public final class CommandTransactions implements TransactionManager {

    private static final ThreadLocal<Boolean> IN_GROUP = ThreadLocal.withInitial(() -> false);
    private static final Transaction NONE = new Transaction() {
        @Override
        public void commit() {
        }

        @Override
        public void rollback() {
        }
    };

    private final TransactionManager delegate;

    public CommandTransactions(TransactionManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public Transaction startTransaction() {
        return IN_GROUP.get() ? NONE : delegate.startTransaction();
    }

    static void joinGroup() {
        IN_GROUP.set(true);
    }

    static void leaveGroup() {
        IN_GROUP.remove();
    }
}
