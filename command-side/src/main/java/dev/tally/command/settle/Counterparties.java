package dev.tally.command.settle;

/** Whom a payer may record paying, and which of their transactions a payment may point to. */
public interface Counterparties {

    /** Whether the two share an expense (either way round): the people they may owe each other something. */
    boolean shareExpenses(String userId, String otherId);

    /**
     * The currencies the two share expenses in (either way round), or with a group, those of the expenses shared in
     * it; empty when none are recorded (shares from before they were), which then takes any currency.
     */
    java.util.Set<String> sharedCurrencies(String userId, String otherId, String groupId);

    /** Whether {@code transactionId} is a transaction {@code userId} recorded. */
    boolean ownsTransaction(String userId, String transactionId);
}
