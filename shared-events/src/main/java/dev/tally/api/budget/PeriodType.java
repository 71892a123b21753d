package dev.tally.api.budget;

/** How often a budget starts afresh. Weeks start on Monday (ISO 8601). */
public enum PeriodType {
    WEEKLY, MONTHLY, YEARLY
}
