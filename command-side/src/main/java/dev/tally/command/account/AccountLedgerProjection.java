package dev.tally.command.account;

import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.command.config.CommandSideConfiguration;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps {@code account_ledger} in the same transaction as the events. Postings touch accounts in id order so two
 * transfers in opposite directions cannot deadlock; a posting to an account closed meanwhile undoes the whole command.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.CONSISTENCY_GROUP)
class AccountLedgerProjection {

    private final JdbcClient jdbc;

    AccountLedgerProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AccountOpened event) {
        jdbc.sql("INSERT INTO account_ledger (account_id, owner_id, currency, balance_minor, closed) VALUES (?, ?, ?, ?, FALSE)")
                .params(event.accountId(), event.ownerId(), event.currency(), event.openingBalance().minorUnits())
                .update();
    }

    @EventHandler
    void on(AccountClosed event) {
        jdbc.sql("UPDATE account_ledger SET closed = TRUE WHERE account_id = ?").param(event.accountId()).update();
    }

    @EventHandler
    void on(TransactionRecorded event) {
        post(changes(event.details(), 1));
    }

    @EventHandler
    void on(TransactionAmended event) {
        Map<String, Long> changes = changes(event.before(), -1);
        changes(event.after(), 1).forEach((account, change) -> changes.merge(account, change, Long::sum));
        post(changes);
    }

    @EventHandler
    void on(TransactionDeleted event) {
        post(changes(event.details(), -1));
    }

    @EventHandler
    void on(TransactionRestored event) {
        post(changes(event.details(), 1));
    }

    /** What a transaction does to each account, in minor units, times {@code sign} (−1 undoes it). */
    static Map<String, Long> changes(TransactionDetails details, int sign) {
        Map<String, Long> changes = new TreeMap<>();
        long amount = details.amount().minorUnits() * sign;
        switch (details.type()) {
            case EXPENSE -> changes.put(details.accountId(), -amount);
            case INCOME -> changes.put(details.accountId(), amount);
            case TRANSFER -> {
                changes.put(details.accountId(), -amount);
                changes.merge(details.toAccountId(), amount, Long::sum);
            }
        }
        return changes;
    }

    private void post(Map<String, Long> changes) {
        new TreeMap<>(changes).forEach((accountId, change) -> {
            if (change == 0) {
                return;
            }
            int updated = jdbc.sql("UPDATE account_ledger SET balance_minor = balance_minor + ? WHERE account_id = ? AND closed = FALSE")
                    .params(change, accountId)
                    .update();
            if (updated == 0) {
                throw new RuleViolation("account_closed", "accountId", "The account " + accountId + " is closed.");
            }
        });
    }
}
