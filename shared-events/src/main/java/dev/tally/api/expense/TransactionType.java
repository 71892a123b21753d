package dev.tally.api.expense;

/** An expense takes money out of an account, an income puts money in, a transfer moves it between two of the owner's accounts. */
public enum TransactionType {
    EXPENSE, INCOME, TRANSFER
}
