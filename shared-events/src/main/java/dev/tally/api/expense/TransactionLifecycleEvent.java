package dev.tally.api.expense;

/** A transaction recorded, amended, deleted or restored: what every reader of a transaction's money follows. */
public interface TransactionLifecycleEvent {

    String transactionId();

    String ownerId();
}
