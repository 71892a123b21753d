package dev.tally.api.expense;

import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;

import java.time.LocalDate;
import java.util.List;

/**
 * Everything a transaction says, as one value so amendments carry the whole before and after.
 * {@code toAccountId} is set for transfers only; {@code categoryId} is null for transfers;
 * {@code originalAmount} is the amount in a foreign currency when it was paid in one (optional).
 */
public record TransactionDetails(TransactionType type, String accountId, String toAccountId, Money amount, String categoryId,
                                 LocalDate date, @PersonalData String description, @PersonalData String merchant, @PersonalData List<String> tags, Money originalAmount) {
}
