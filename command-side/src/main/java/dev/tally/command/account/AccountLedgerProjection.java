package dev.tally.command.account;

import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code account_ledger} in the same transaction as the account events. Balances are the Account aggregate's
 * own (it refuses to close with money in it); the ledger only answers what other commands check: owner, currency, state.
 */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class AccountLedgerProjection {

    private final JdbcClient jdbc;
    private final JdbcAccountLedger ledger;

    AccountLedgerProjection(JdbcClient jdbc, JdbcAccountLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    @EventHandler
    void on(AccountOpened event) {
        jdbc.sql("INSERT INTO account_ledger (account_id, owner_id, currency, closed) VALUES (?, ?, ?, FALSE)")
                .params(event.accountId(), event.ownerId(), event.currency())
                .update();
    }

    @EventHandler
    void on(AccountClosed event) {
        jdbc.sql("UPDATE account_ledger SET closed = TRUE WHERE account_id = ?").param(event.accountId()).update();
        ledger.forget(event.accountId());
    }
}
