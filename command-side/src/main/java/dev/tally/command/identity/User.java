package dev.tally.command.identity;

import dev.tally.api.identity.UserRegistered;
import dev.tally.api.identity.UserSignedOut;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A person who uses Tally. Its events are what others may know (name, time zone, sessions ended); the credentials
 * live in {@link Credentials}, written in the same unit of work, and refresh tokens in {@link Sessions}.
 */
@Aggregate
public class User {

    @AggregateIdentifier
    private String userId;

    protected User() {
    }

    @CommandHandler
    public User(RegisterUser command, Credentials credentials) {
        credentials.add(new Credentials.Credential(command.userId(), command.email(), command.passwordHash(),
                command.displayName(), command.timeZone()));
        apply(new UserRegistered(command.userId(), command.displayName(), command.timeZone()));
    }

    /** Only sessions that were still live are recorded, so signing out twice records one {@code UserSignedOut}. */
    @CommandHandler
    public void handle(SignOut command, Sessions sessions) {
        List<String> ended = command.allSessions()
                ? sessions.revokeAll(userId)
                : sessions.revoke(userId, command.sessionIds());
        ended.forEach(sessionId -> apply(new UserSignedOut(userId, sessionId)));
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }
}
