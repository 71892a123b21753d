package dev.tally.command.account;

import java.util.Optional;

/**
 * Accounts as the command side needs them to check other aggregates' commands (owner, currency, state), kept in the
 * same transaction as the account events.
 */
public interface AccountLedger {

    Optional<LedgerAccount> find(String accountId);

    record LedgerAccount(String accountId, String ownerId, String currency, boolean closed) {
    }
}
