package dev.tally.command.settle;

/** Whom a payer may record paying, and which of their transactions a payment may point to. */
public interface Counterparties {

    /** Whether the two share an expense (either way round): the people they may owe each other something. */
    boolean shareExpenses(String userId, String otherId);

    /** Whether {@code transactionId} is a transaction {@code userId} recorded. */
    boolean ownsTransaction(String userId, String transactionId);
}
