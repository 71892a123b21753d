package dev.tally.api.expense;

/** How a shared expense is divided: equally, by exact amounts, by percentages or by shares (weights). */
public enum SplitMethod {
    EQUAL, EXACT, PERCENT, SHARES
}
