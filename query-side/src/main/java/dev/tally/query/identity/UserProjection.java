package dev.tally.query.identity;

import dev.tally.api.identity.UserRegistered;
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
    void on(UserRegistered event, TrackingToken token) {
        change.apply(token, () -> {
            if (users.findById(event.userId()).isEmpty()) {
                users.save(new User(event.userId(), event.displayName(), event.timeZone(), ReadModelChange.index(token)));
            }
            return List.of();
        });
    }
}
