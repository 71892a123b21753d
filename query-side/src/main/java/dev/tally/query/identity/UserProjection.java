package dev.tally.query.identity;

import dev.tally.api.account.AccountOpened;
import dev.tally.api.feed.FeedEvents;
import dev.tally.api.identity.HomeCurrencyChanged;
import dev.tally.api.identity.UserRegistered;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
@ReadModelTables("user_view")
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class UserProjection {

    private final UserRepository users;
    private final ReadModelChange change;

    public UserProjection(UserRepository users, ReadModelChange change) {
        this.users = users;
        this.change = change;
    }

    @EventHandler
    void on(HomeCurrencyChanged event, TrackingToken token) {
        homeCurrency(event.userId(), event.currency(), true, token);
    }

    /** Until the user chooses one, their first account's currency is their home currency. */
    @EventHandler
    void on(AccountOpened event, TrackingToken token) {
        homeCurrency(event.ownerId(), event.currency(), false, token);
    }

    private void homeCurrency(String userId, String currency, boolean chosen, TrackingToken token) {
        change.apply(token, () -> {
            User user = users.findById(userId).orElse(null);
            long index = ReadModelChange.index(token);
            if (user == null || !user.accepts(index) || !chosen && user.homeCurrency() != null) {
                return List.of();
            }
            user.homeCurrency(currency, index);
            // the default comes with the first account, which devices learn of anyway (balance:updated)
            return chosen ? List.of(new FeedUpdate(userId, FeedEvents.HOME_CURRENCY_UPDATED, new HomeCurrencyUpdate(userId, currency)))
                    : List.of();
        });
    }

    @EventHandler
    void on(UserRegistered event, TrackingToken token) {
        change.apply(token, () -> {
            if (users.findById(event.userId()).isEmpty()) {
                users.save(new User(event.userId(), event.displayName(), event.timeZone(), ReadModelChange.index(token)));
            }
            return List.of();
        });
    }
}
