package dev.tally.api.recurring;

import dev.tally.api.privacy.PersonalData;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;

/** The transaction each occurrence records (an expense or an income; its amount in the account's currency). */
public record RecurringTemplate(TransactionType type, String accountId, Money amount, String categoryId, @PersonalData String description, @PersonalData String merchant) {
}
