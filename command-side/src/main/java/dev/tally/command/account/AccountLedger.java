package dev.tally.command.account;

import dev.tally.api.money.Money;

import java.util.Optional;

/**
 * Accounts as the command side needs them to check other aggregates' commands: owner, currency, state and balance,
 * kept in the same transaction as the events. Reading with {@link #lockBalance} holds the account until commit.
 */
public interface AccountLedger {

    Optional<LedgerAccount> find(String accountId);

    /** The balance, with the account locked against postings until the current transaction ends. */
    Money lockBalance(String accountId);

    record LedgerAccount(String accountId, String ownerId, String currency, Money balance, boolean closed) {
    }
}
