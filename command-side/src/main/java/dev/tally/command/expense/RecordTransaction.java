package dev.tally.command.expense;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/** {@code amount} is a decimal string: its currency is the account's, known only once the account is checked. */
public record RecordTransaction(String transactionId, String ownerId, TransactionType type, String accountId, String toAccountId, String amount,
                                String categoryId, LocalDate date, String description, String merchant, List<String> tags, Money originalAmount) {
}
