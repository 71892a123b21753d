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
    /** The in-memory cache of long-lived aggregates (accounts, budgets). */
    public static final String AGGREGATE_CACHE = "aggregateCache";

    private CommandModel() {
    }
}
