package dev.tally.command.dispatch;

/**
 * Names by which the command model's aggregates and handlers ask for the infrastructure the {@code config} package
 * wires: kept here so feature packages never depend on configuration.
 */
public final class CommandModel {

    /**
     * Processing group of the command model's own consistency tables (account ledger, category names): subscribing, in
     * the command's own transaction, so a failure there undoes the command.
     */
    public static final String CONSISTENCY_GROUP = "command-consistency";
    /**
     * The in-memory caches of long-lived aggregates, one per kind: Axon keys a cache by aggregate id alone, so in a
     * shared one a budget's id in an account's command would find the budget.
     */
    public static final String ACCOUNT_CACHE = "accountCache";
    public static final String BUDGET_CACHE = "budgetCache";

    private CommandModel() {
    }
}
