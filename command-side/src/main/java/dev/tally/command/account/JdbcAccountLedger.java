package dev.tally.command.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class JdbcAccountLedger implements AccountLedger {

    private final JdbcClient jdbc;

    JdbcAccountLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LedgerAccount> find(String accountId) {
        return jdbc.sql("SELECT account_id, owner_id, currency, closed FROM account_ledger WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> new LedgerAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }
}
