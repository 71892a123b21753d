package dev.tally.command.account;

import dev.tally.api.money.Money;

import java.util.Optional;

/**
 * Accounts as the command side needs them to check other aggregates' commands (owner, currency, state, balance),
 * kept in the same transaction as the account events.
 */
public interface AccountLedger {

    Optional<LedgerAccount> find(String accountId);

    record LedgerAccount(String accountId, String ownerId, String currency, Money balance, boolean closed) {
    }
}
