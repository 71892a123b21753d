package dev.tally.command.identity;

import dev.tally.command.dispatch.Commands;
import dev.tally.command.mail.Mail;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.ForbiddenException;
import dev.tally.platform.web.InvalidRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changing a password (with the current one) and resetting a forgotten one (with a mailed single-use token). Either
 * way every other session ends ({@link ChangePassword}) and the owner is told by mail.
 */
@Component
class PasswordChanges {

    /** Reset mails per address and hour: enough for a lost mail or two, too few to flood a mailbox. */
    static final int RESET_MAILS_PER_HOUR = 3;

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final EmailTokens tokens;
    private final Commands commands;
    private final Mail mail;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PasswordChanges(Credentials credentials, PasswordEncoder passwords, SignInThrottle throttle, EmailTokens tokens,
                    Commands commands, Mail mail, JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        this.commands = commands;
        this.mail = mail;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * The current password is checked like a sign-in (same progressive delays), so a stolen access token cannot be
     * used to guess it; the caller's own session stays, every other one ends.
     */
    void change(Caller caller, String currentPassword, String newPassword, String clientAddress) {
        List<FieldError> missing = new ArrayList<>();
        if (currentPassword == null || currentPassword.isEmpty()) {
            missing.add(new FieldError("currentPassword", "must not be blank"));
        }
        if (newPassword == null || newPassword.isEmpty()) {
            missing.add(new FieldError("newPassword", "must not be blank"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequest(missing);
        }
        Credentials.Credential credential = credentials.find(caller.userId()).orElseThrow(NotSignedIn::invalidCredentials);
        throttle.check(credential.email(), clientAddress);
        if (!passwords.matches(currentPassword, credential.passwordHash())) {
            throttle.recordFailure(credential.email(), clientAddress);
            throw new ForbiddenException("wrong_password", "The current password is not correct.");
        }
        String hash = checkedHash(credential, newPassword);
        commands.send(caller, null, "user", caller.userId(), new ChangePassword(caller.userId(), hash, caller.sessionId(), false));
        notifyChanged(credential, "changed");
    }

    /**
     * Sends a reset link when the address is registered, and nothing otherwise; the caller answers the same either way.
     * Who the address belongs to is looked up on the mail thread, so the answer's timing says nothing either.
     */
    void requestReset(String email) {
        String normalised = RegistrationRules.normaliseEmail(email);
        String problem = RegistrationRules.emailProblem(normalised);
        if (problem != null) {
            throw new InvalidRequest("email", problem);
        }
        String key = RefreshTokens.sha256("reset:" + normalised);
        Instant now = clock.instant();
        long recent = jdbc.sql("SELECT COUNT(*) FROM password_reset_request WHERE request_key = ? AND requested_at > ?")
                .params(key, Timestamp.from(now.minus(Duration.ofHours(1)))).query(Long.class).single();
        jdbc.sql("INSERT INTO password_reset_request (request_key, requested_at) VALUES (?, ?)").params(key, Timestamp.from(now)).update();
        if (recent >= RESET_MAILS_PER_HOUR) {
            return; // the same answer; the mailbox already has recent links
        }
        mail.send("password reset", () -> credentials.findByEmail(normalised).map(credential -> new Mail.Message(credential.email(),
                "Reset your Tally password",
                "Hello " + credential.displayName() + ",\n\nsomeone (we hope you) asked to reset the password of your Tally account. "
                        + "Open this link within 30 minutes to choose a new one:\n\n"
                        + mail.settings().link("reset-password", tokens.issue(credential.userId(), EmailTokens.Purpose.RESET_PASSWORD))
                        + "\n\nIt works once. If you did not ask for it, ignore this mail: your password stays as it is.\n")));
    }

    /**
     * Sets the new password and ends every session. A refused password leaves the token usable; the token is used in
     * the transaction that changes the password, so of two racing uses one wins and nothing half-happens.
     */
    void reset(String token, String newPassword) {
        String userId = tokens.holder(token, EmailTokens.Purpose.RESET_PASSWORD).orElseThrow(() -> new InvalidToken("password reset"));
        Credentials.Credential credential = credentials.find(userId).orElseThrow(() -> new InvalidToken("password reset"));
        if (newPassword == null || newPassword.isEmpty()) {
            throw new InvalidRequest("newPassword", "must not be blank");
        }
        String hash = checkedHash(credential, newPassword);
        transaction.executeWithoutResult(status -> {
            tokens.use(token, EmailTokens.Purpose.RESET_PASSWORD).orElseThrow(() -> new InvalidToken("password reset"));
            commands.send(new Caller(userId, null, null), null, "user", userId, new ChangePassword(userId, hash, null, true));
        });
        notifyChanged(credential, "reset");
    }

    private String checkedHash(Credentials.Credential credential, String newPassword) {
        String problem = RegistrationRules.passwordProblem(newPassword, credential.email(), credential.displayName());
        if (problem == null && passwords.matches(newPassword, credential.passwordHash())) {
            problem = "must differ from the current password";
        }
        if (problem != null) {
            throw new InvalidRequest("newPassword", problem);
        }
        return passwords.encode(newPassword);
    }

    /** The owner hears of it even when it was not them: the mail is how they notice a takeover. */
    private void notifyChanged(Credentials.Credential credential, String how) {
        mail.send("password " + how, () -> Optional.of(new Mail.Message(credential.email(), "Your Tally password was " + how,
                "Hello " + credential.displayName() + ",\n\nthe password of your Tally account was just " + how
                        + ", and every other session was signed out. If this was not you, reset your password now: "
                        + mail.settings().linkBase() + "\n")));
    }

    @Scheduled(fixedDelayString = "${tally.identity.sweep-interval:PT1H}")
    public void forgetOldRequests() {
        jdbc.sql("DELETE FROM password_reset_request WHERE requested_at < ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofHours(1)))).update();
    }
}
