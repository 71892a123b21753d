package dev.tally.command.identity;

import dev.tally.api.identity.HomeCurrencyChanged;
import dev.tally.api.identity.UserErased;
import dev.tally.api.identity.UserEmailVerified;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.platform.web.RuleViolation;
import dev.tally.api.identity.UserPasswordChanged;
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
    private boolean emailVerified;
    private String homeCurrency;
    private boolean erased;

    protected User() {
    }

    @CommandHandler
    public User(RegisterUser command, Credentials credentials) {
        if (command.homeCurrency() != null) {
            requireCurrency(command.homeCurrency(), "homeCurrency");
        }
        credentials.add(new Credentials.Credential(command.userId(), command.email(), command.passwordHash(),
                command.displayName(), command.timeZone()));
        apply(new UserRegistered(command.userId(), command.displayName(), command.timeZone()));
        if (command.homeCurrency() != null) { // the event a later change records, so every reader already knows it
            apply(new HomeCurrencyChanged(command.userId(), command.homeCurrency()));
        }
    }

    /** Only sessions that were still live are recorded, so signing out twice records one {@code UserSignedOut}. */
    @CommandHandler
    public void handle(SignOut command, Sessions sessions) {
        List<String> ended = command.allSessions()
                ? sessions.revokeAll(userId)
                : sessions.revoke(userId, command.sessionIds());
        ended.forEach(sessionId -> apply(new UserSignedOut(userId, sessionId)));
    }

    /**
     * The new hash is stored with the event; every other session ends, so whoever knew the old password (or held a
     * stolen session) is out. The caller checked the current password or the reset token first.
     */
    @CommandHandler
    public void handle(ChangePassword command, Credentials credentials, Sessions sessions) {
        if (erased) {
            throw new RuleViolation("already_erased", "This account was erased.");
        }
        credentials.replacePasswordHash(userId, command.passwordHash());
        apply(new UserPasswordChanged(userId, command.byReset()));
        sessions.revokeAllBut(userId, command.keptSessionId()).forEach(sessionId -> apply(new UserSignedOut(userId, sessionId)));
    }

    /** A second verification link (or the same one racing itself) records nothing. */
    @CommandHandler
    public void handle(VerifyEmail command, Credentials credentials) {
        if (emailVerified) {
            return;
        }
        credentials.markEmailVerified(userId);
        apply(new UserEmailVerified(userId));
    }

    /** Setting the home currency it already is records nothing. */
    @CommandHandler
    public void handle(ChangeHomeCurrency command) {
        requireCurrency(command.currency(), "currency");
        if (!command.currency().equals(homeCurrency)) {
            apply(new HomeCurrencyChanged(userId, command.currency()));
        }
    }

    /** A home currency is a currency of money (not XAU, not an unknown code); refused as {@code field}. */
    static void requireCurrency(String currency, String field) {
        try {
            Money.fractionDigits(currency);
        } catch (InvalidMoneyException e) {
            throw new RuleViolation("unknown_currency", field, e.getMessage());
        }
    }

    @EventSourcingHandler
    void on(HomeCurrencyChanged event) {
        homeCurrency = event.currency();
    }

    /**
     * Erasure: every session ends (devices are signed out), then the data key goes with the credentials; the
     * {@code UserErased} event tells the read side to drop the person's own data and show them to others as deleted.
     */
    @CommandHandler
    public void handle(EraseUser command, Sessions sessions, Erasure erasure) {
        if (erased) {
            throw new RuleViolation("already_erased", "This account was erased.");
        }
        sessions.revokeAll(userId).forEach(sessionId -> apply(new UserSignedOut(userId, sessionId)));
        apply(new UserErased(userId, erasure.erase(userId)));
    }

    @EventSourcingHandler
    void on(UserErased event) {
        erased = true;
    }

    @EventSourcingHandler
    void on(UserRegistered event) {
        userId = event.userId();
    }

    @EventSourcingHandler
    void on(UserEmailVerified event) {
        emailVerified = true;
    }
}
