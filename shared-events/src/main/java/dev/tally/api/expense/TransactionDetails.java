package dev.tally.api.expense;

import dev.tally.api.privacy.PersonalData;
import dev.tally.api.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a transaction says, as one value so amendments carry the whole before and after.
 * {@code toAccountId} is set for transfers only; {@code categoryId} is null for transfers;
 * {@code originalAmount} is the amount in a foreign currency when it was paid in one (optional), and
 * {@code exchangeRate} then the rate kept with it: units of the account's currency per one unit of the original's, as
 * the payer gave it or as the two amounts imply (null without an original amount, and in events from before it).
 */
public record TransactionDetails(TransactionType type, String accountId, String toAccountId, Money amount, String categoryId,
                                 LocalDate date, @PersonalData String description, @PersonalData String merchant,
                                 @PersonalData List<String> tags, Money originalAmount, BigDecimal exchangeRate) {

    /** Details without a foreign currency's rate: a transaction in the account's own currency. */
    public TransactionDetails(TransactionType type, String accountId, String toAccountId, Money amount, String categoryId,
                              LocalDate date, String description, String merchant, List<String> tags, Money originalAmount) {
        this(type, accountId, toAccountId, amount, categoryId, date, description, merchant, tags, originalAmount, null);
    }
}
