package dev.tally.api.category;

/** Whether a category groups spending or earning. */
public enum CategoryKind {
    EXPENSE, INCOME
}
