package dev.tally.query.account;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountEvent;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountRenamed;
import dev.tally.api.feed.FeedEvents;
import dev.tally.api.money.Money;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.BatchReads;
import dev.tally.query.projection.EventBatch;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Keeps {@code account_view} with plain SQL. While the batch's writes are held, its accounts are read in one query and
 * kept for the transaction, and each account it opened or changed is written once, at the end, however many events
 * moved its balance (what the persistence context did, without its reads, dirty checks and flushes: a tenth of the
 * read side's CPU, docs/benchmarks.md). An event applied alone reads its account and writes it at once.
 */
@Component
@ReadModelTables("account_view")
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class AccountProjection {

    private static final Object HELD = AccountProjection.class.getName() + ".held";
    private static final String INSERT = "INSERT INTO account_view (" + Account.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE account_view SET name = ?, balance_minor = ?, closed = ?, last_index = ? WHERE account_id = ?";

    private final JdbcClient jdbc;
    private final ReadModelChange change;
    private final BatchReads reads;
    /** The accounts of the batch's events. */
    private final BatchReads.Read<Found> batchAccounts;

    public AccountProjection(JdbcClient jdbc, ReadModelChange change, BatchReads reads) {
        this.jdbc = jdbc;
        this.change = change;
        this.reads = reads;
        this.batchAccounts = reads.register(AccountProjection::batchAccounts);
    }

    @EventHandler
    void on(AccountOpened event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            if (find(event.accountId()).isPresent()) {
                return List.of(); // a redelivery
            }
            Account account = new Account(event.accountId(), event.ownerId(), event.name(), event.type(),
                    event.openingBalance(), at, ReadModelChange.index(token));
            stored(account, true);
            return List.of(update(account, event.openingBalance(), null));
        });
    }

    @EventHandler
    void on(AccountRenamed event, TrackingToken token) {
        change(event.accountId(), token, a -> a.renamed(event.name(), ReadModelChange.index(token)), null);
    }

    @EventHandler
    void on(AccountClosed event, TrackingToken token) {
        change(event.accountId(), token, a -> a.closed(ReadModelChange.index(token)), null);
    }

    @EventHandler
    void on(AccountBalanceChanged event, TrackingToken token) {
        change(event.accountId(), token, a -> a.balance(event.balance(), ReadModelChange.index(token)), event);
    }

    private void change(String accountId, TrackingToken token, Consumer<Account> mutation, AccountBalanceChanged cause) {
        change.apply(token, () -> {
            Account account = find(accountId).orElseThrow(() -> new IllegalStateException("event for unknown account " + accountId));
            if (!account.accepts(ReadModelChange.index(token))) {
                return List.of();
            }
            mutation.accept(account);
            stored(account, false);
            Money delta = cause == null ? Money.zero(account.view().currency()) : cause.change();
            return List.of(update(account, delta, cause == null ? null : cause.transactionId()));
        });
    }

    /** The account as this transaction has it. */
    private Optional<Account> find(String accountId) {
        return change.holdsWrites() ? change.held(HELD, Held::new).find(accountId) : read(accountId);
    }

    /** Written at the end of the transaction while writes are held, else at once. */
    private void stored(Account account, boolean opened) {
        if (change.holdsWrites()) {
            change.held(HELD, Held::new).changed(account, opened);
        } else {
            change.write(opened ? INSERT : UPDATE, opened ? account.row() : account.changes());
        }
    }

    private Optional<Account> read(String accountId) {
        return jdbc.sql(selectAccounts(1)).param(accountId).query((row, n) -> new Account(row)).optional();
    }

    /** The accounts of {@code count} ids, as stored. */
    private static String selectAccounts(int count) {
        return "SELECT " + Account.COLUMNS + " FROM account_view WHERE account_id IN (" + BatchReads.placeholders(count) + ")";
    }

    /** The ids looked for and the accounts found. */
    private record Found(List<String> ids, List<Account> accounts) {
    }

    private static BatchReads.Query<Found> batchAccounts(List<Object> events) {
        List<String> ids = events.stream().map(AccountProjection::accountId).filter(Objects::nonNull).distinct().toList();
        return ids.isEmpty() ? BatchReads.Query.none(new Found(ids, List.of()))
                : BatchReads.Query.of(selectAccounts(ids.size()), ids, rows -> {
                    List<Account> found = new ArrayList<>();
                    while (rows.next()) {
                        found.add(new Account(rows));
                    }
                    return new Found(ids, found);
                });
    }

    private static String accountId(Object event) {
        return event instanceof AccountEvent e ? e.accountId() : null;
    }

    private static FeedUpdate update(Account account, Money change, String transactionId) {
        return new FeedUpdate(account.ownerId(), FeedEvents.BALANCE_UPDATED, BalanceUpdate.of(account.view(), change, transactionId));
    }

    /** The accounts of one transaction: read once (a batch's all in one query), written once when its writes go out. */
    private final class Held implements ReadModelChange.HeldRows {
        private final Map<String, Account> accounts = new HashMap<>();
        /** Every id read from the database, found or not: an account opened in the batch is not read again. */
        private final Set<String> looked = new HashSet<>();
        private final Set<String> opened = new LinkedHashSet<>();
        private final Set<String> changed = new LinkedHashSet<>();
        private Found merged;

        Optional<Account> find(String accountId) {
            if (EventBatch.active()) {
                Found found = reads.of(batchAccounts);
                if (merged != found) { // the batch's read, taken in once
                    merged = found;
                    looked.addAll(found.ids());
                    found.accounts().forEach(a -> accounts.putIfAbsent(a.accountId(), a));
                }
            }
            if (!accounts.containsKey(accountId) && looked.add(accountId)) {
                read(accountId).ifPresent(a -> accounts.put(accountId, a));
            }
            return Optional.ofNullable(accounts.get(accountId));
        }

        void changed(Account account, boolean isNew) {
            accounts.put(account.accountId(), account);
            (isNew ? opened : changed).add(account.accountId());
        }

        @Override
        public void write() {
            opened.forEach(id -> change.write(INSERT, accounts.get(id).row()));
            changed.stream().filter(id -> !opened.contains(id)).forEach(id -> change.write(UPDATE, accounts.get(id).changes()));
            opened.clear();
            changed.clear();
        }
    }
}
