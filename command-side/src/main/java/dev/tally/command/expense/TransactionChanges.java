package dev.tally.command.expense;

import dev.tally.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/** What an amendment changes: a null field keeps its value; an empty string clears an optional text or the category. */
public record TransactionChanges(String accountId, String toAccountId, String amount, String categoryId, LocalDate date,
                                 String description, String merchant, List<String> tags, Money originalAmount) {
}
