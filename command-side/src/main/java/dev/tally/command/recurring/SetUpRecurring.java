package dev.tally.command.recurring;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.recurring.Recurrence;

/** {@code amount} is a decimal string in the account's currency. */
public record SetUpRecurring(String recurringId, String ownerId, TransactionType type, String accountId, String amount, String categoryId,
                             String description, String merchant, Recurrence recurrence) {
}
