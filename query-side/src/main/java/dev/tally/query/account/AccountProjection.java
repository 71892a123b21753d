package dev.tally.query.account;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountEvent;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountRenamed;
import dev.tally.api.money.Money;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.EventBatch;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import jakarta.persistence.EntityManager;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.hibernate.Session;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.function.Consumer;

@Component
@ReadModelTables("account_view")
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class AccountProjection {

    private final AccountRepository accounts;
    private final EntityManager em;
    private final ReadModelChange change;

    public AccountProjection(AccountRepository accounts, EntityManager em, ReadModelChange change) {
        this.accounts = accounts;
        this.em = em;
        this.change = change;
    }

    @EventHandler
    void on(AccountOpened event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            if (storedBeforeThisBatch().containsKey(event.accountId()) || !EventBatch.active() && accounts.existsById(event.accountId())) {
                return List.of(); // a redelivery
            }
            Account account = accounts.save(new Account(event.accountId(), event.ownerId(), event.name(), event.type(),
                    event.openingBalance(), at, ReadModelChange.index(token)));
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
            Account account = Optional.ofNullable(storedBeforeThisBatch().get(accountId)).or(() -> accounts.findById(accountId))
                    .orElseThrow(() -> new IllegalStateException("event for unknown account " + accountId));
            if (!account.accepts(ReadModelChange.index(token))) {
                return List.of();
            }
            mutation.accept(account);
            Money delta = cause == null ? Money.zero(account.view().currency()) : cause.change();
            return List.of(update(account, delta, cause == null ? null : cause.transactionId()));
        });
    }

    /**
     * The accounts the batch's events are about, read in one query (an account opened in this batch is not among them).
     * Hibernate's multi-load keeps its statement; {@code findAllById} built and translated a new criteria query for
     * every batch, a tenth of the read side's CPU (docs/benchmarks.md).
     */
    private Map<String, Account> storedBeforeThisBatch() {
        return !EventBatch.active() ? Map.of() : EventBatch.once("accounts", events -> em.unwrap(Session.class)
                .byMultipleIds(Account.class).multiLoad(events.stream().map(AccountProjection::accountId).filter(Objects::nonNull).distinct().toList())
                .stream().filter(Objects::nonNull).collect(Collectors.toMap(Account::getId, a -> a)));
    }

    private static String accountId(Object event) {
        return event instanceof AccountEvent e ? e.accountId() : null;
    }

    private static FeedUpdate update(Account account, Money change, String transactionId) {
        return new FeedUpdate(account.ownerId(), FeedEvents.BALANCE_UPDATED, BalanceUpdate.of(account.view(), change, transactionId));
    }
}
