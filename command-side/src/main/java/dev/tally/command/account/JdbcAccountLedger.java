package dev.tally.command.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Optional;

/**
 * Reads {@code account_ledger}, remembering open accounts: their owner and currency never change, so most commands
 * need no round trip to check them. Only committed rows are remembered, and a closing forgets its account at once.
 * Another instance's closing is not seen here until the entry ages out; the Account aggregate refuses postings to a
 * closed account whatever the ledger said.
 */
@Component
class JdbcAccountLedger implements AccountLedger {

    private final JdbcClient jdbc;
    private final Cache<String, LedgerAccount> open = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(java.time.Duration.ofMinutes(10)).executor(Runnable::run).build();

    JdbcAccountLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LedgerAccount> find(String accountId) {
        LedgerAccount known = open.getIfPresent(accountId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<LedgerAccount> found = jdbc.sql("SELECT account_id, owner_id, currency, closed FROM account_ledger WHERE account_id = ?")
                .param(accountId)
                .query((rs, n) -> new LedgerAccount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
        found.filter(a -> !a.closed()).ifPresent(this::rememberOnceCommitted);
        return found;
    }

    /** The account was closed: nothing may take its open state from memory any more. */
    void forget(String accountId) {
        open.invalidate(accountId);
    }

    private void rememberOnceCommitted(LedgerAccount account) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            open.put(account.accountId(), account);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                open.put(account.accountId(), account);
            }
        });
    }
}
