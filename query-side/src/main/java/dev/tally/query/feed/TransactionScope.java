package dev.tally.query.feed;

import java.util.function.Supplier;

/**
 * The database transaction a read-model change and its feed entries run in: state kept for its length, and work done at
 * its end (held writes and feed entries just before commit, signals after). The application's is Spring's transaction
 * synchronisation ({@link SpringTransactionScope}); a plain JUnit test commits a transaction of its own, so projection
 * rules run there on a real database without a Spring context.
 */
public interface TransactionScope {

    /** Whether a transaction is running whose end can be hooked. */
    boolean active();

    /** This transaction's {@code key}: made by {@code start} on first use, when its hooks are registered. */
    <T extends Hooks> T attached(Object key, Supplier<T> start);

    /** This transaction's {@code key}, or null if nothing attached it. */
    <T extends Hooks> T find(Object key);

    /** What runs at the end of the transaction something is attached to; the attachment is gone before {@code afterCompletion}. */
    interface Hooks {
        /** May throw: the transaction then rolls back. */
        default void beforeCommit() {
        }

        default void afterCommit() {
        }

        default void afterCompletion(boolean committed) {
        }
    }
}
