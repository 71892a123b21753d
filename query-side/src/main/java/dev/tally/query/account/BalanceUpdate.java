package dev.tally.query.account;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.account.AccountType;
import dev.tally.api.money.Money;

/**
 * Payload of {@code balance:updated}: the account as the query API shows it, plus what changed it
 * ({@code change} signed; {@code transactionId} null when the account was opened, renamed or closed).
 */
public record BalanceUpdate(String accountId, String name, AccountType type, boolean closed, Money balance, Money change,
                            String transactionId) implements FeedEvents.AboutAccount {

    static BalanceUpdate of(AccountView account, Money change, String transactionId) {
        return new BalanceUpdate(account.id(), account.name(), account.type(), account.closed(), account.balance(), change, transactionId);
    }
}
