package dev.tally.api.identity;

/** The user chose the currency their dashboards, budgets and balances are also reported in. */
public record HomeCurrencyChanged(String userId, String currency) {
}
