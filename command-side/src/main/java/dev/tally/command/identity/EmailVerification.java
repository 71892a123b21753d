package dev.tally.command.identity;

import dev.tally.command.dispatch.Commands;
import dev.tally.command.mail.Mail;
import dev.tally.platform.security.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Proving an address: registration mails a link to a new address (and a warning to the owner of a taken one, so both
 * answers stay alike); using the link records {@code UserEmailVerified} and marks the credentials. Signing in does not
 * wait for it (registration must answer alike for new and taken addresses, and signing in is how a new one continues).
 */
@Component
class EmailVerification {

    private final Credentials credentials;
    private final EmailTokens tokens;
    private final Commands commands;
    private final Mail mail;
    private final TransactionTemplate transaction;

    EmailVerification(Credentials credentials, EmailTokens tokens, Commands commands, Mail mail, TransactionTemplate transaction) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.commands = commands;
        this.mail = mail;
        this.transaction = transaction;
    }

    /** After a new registration (or when asked again): a fresh link, unless the address is proven already. */
    void sendLink(String userId) {
        mail.send("email verification", () -> credentials.find(userId)
                .filter(credential -> !credentials.emailVerified(userId))
                .map(credential -> new Mail.Message(credential.email(), "Confirm your email address for Tally",
                        "Hello " + credential.displayName() + ",\n\nplease confirm that this address is yours by opening this link:\n\n"
                                + mail.settings().link("verify-email", tokens.issue(userId, EmailTokens.Purpose.VERIFY_EMAIL))
                                + "\n\nIf you did not register at Tally, ignore this mail.\n")));
    }

    /** Someone registered with an address that has an account: its owner is told, and nothing else happens. */
    void warnOwner(String normalisedEmail) {
        mail.send("registration attempt", () -> credentials.findByEmail(normalisedEmail).map(credential -> new Mail.Message(credential.email(),
                "Someone tried to register with your address at Tally",
                "Hello " + credential.displayName() + ",\n\nsomeone tried to register a new Tally account with this address, which "
                        + "already has one. If it was you, sign in with your password, or reset it if you forgot it: "
                        + mail.settings().linkBase() + "\nIf it was not you, nothing changed and you need not do anything.\n")));
    }

    /** Uses the link's token; a used, replaced or expired one is refused alike. */
    void verify(String token) {
        transaction.executeWithoutResult(status -> {
            String userId = tokens.use(token, EmailTokens.Purpose.VERIFY_EMAIL).orElseThrow(() -> new InvalidToken("email verification"));
            commands.send(new Caller(userId, null, null), null, "user", userId, new VerifyEmail(userId));
        });
    }

    boolean verified(String userId) {
        return credentials.emailVerified(userId);
    }
}
