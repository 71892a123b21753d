package dev.tally.query.account;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountRenamed;
import dev.tally.api.money.Money;
import dev.tally.query.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class AccountProjection {

    private final AccountRepository accounts;
    private final ReadModelChange change;

    public AccountProjection(AccountRepository accounts, ReadModelChange change) {
        this.accounts = accounts;
        this.change = change;
    }

    @EventHandler
    void on(AccountOpened event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            if (accounts.findById(event.accountId()).isPresent()) {
                return List.of();
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
            Account account = accounts.findById(accountId)
                    .orElseThrow(() -> new IllegalStateException("event for unknown account " + accountId));
            if (!account.accepts(ReadModelChange.index(token))) {
                return List.of();
            }
            mutation.accept(account);
            Money delta = cause == null ? Money.zero(account.view().currency()) : cause.change();
            return List.of(update(account, delta, cause == null ? null : cause.transactionId()));
        });
    }

    private static FeedUpdate update(Account account, Money change, String transactionId) {
        return new FeedUpdate(account.ownerId(), FeedEvents.BALANCE_UPDATED, BalanceUpdate.of(account.view(), change, transactionId));
    }
}
