package dev.tally.query.expense;

import dev.tally.api.expense.TransactionType;

import java.time.LocalDate;

/** What the transaction list may be narrowed to; every field is optional. {@code text} matches description or merchant. */
public record TransactionFilter(LocalDate from, LocalDate to, String accountId, String categoryId, String text, String tag,
                                TransactionType type, boolean deleted) {
}
