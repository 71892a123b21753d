package dev.tally.command.identity;

import dev.tally.command.dispatch.Commands;
import dev.tally.platform.id.Ids;
import dev.tally.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Registers a person without saying whether the email was registered before (OWASP: no account enumeration). A new
 * email gets its account at once; a taken one gets nothing stored; both get the same answer ({@link Registered}), and
 * the same work: the password is hashed either way, and a taken email then waits about as long as storing a new
 * account takes (a running average of it). Either way one mail goes to the address: a verification link for a new
 * account, a warning to the owner of a taken one (composed off the request thread, see {@link EmailVerification}). Signing in is a separate step, so registering hands out no tokens.
 * The password is hashed before the command is sent, so no transaction is held open while the slow hash is computed.
 */
@Component
class Registrations {

    private static final Logger log = LoggerFactory.getLogger(Registrations.class);

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final Commands commands;
    private final EmailVerification verification;
    /** Running average of how long storing a new account takes, in nanoseconds (weight 1/8 for the newest). */
    private final AtomicLong storing = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(40));

    Registrations(Credentials credentials, PasswordEncoder passwords, Commands commands, EmailVerification verification) {
        this.verification = verification;
        this.credentials = credentials;
        this.passwords = passwords;
        this.commands = commands;
    }

    Registered register(String email, String password, String displayName, String timeZone, String homeCurrency) {
        RegistrationRules.Registration registration = RegistrationRules.check(email, password, displayName, timeZone, homeCurrency);
        String hash = passwords.encode(registration.password());
        long started = System.nanoTime();
        if (credentials.findByEmail(registration.email()).isPresent()) {
            verification.warnOwner(registration.email());
            taken(started);
            return Registered.signIn();
        }
        String userId = Ids.next();
        try {
            commands.send(new Caller(userId, null, null), null, "user", userId, new RegisterUser(userId, registration.email(),
                    hash, registration.displayName(), registration.timeZone(), registration.homeCurrency()));
        } catch (EmailTaken raceLost) { // registered by a request racing this one: the unique email decided
            verification.warnOwner(registration.email());
            taken(started);
            return Registered.signIn();
        }
        verification.sendLink(userId);
        long took = System.nanoTime() - started;
        storing.updateAndGet(average -> average + (took - average) / 8);
        return Registered.signIn();
    }

    /** Nothing is stored; the owner is told by mail. Wait as long as a new account would take. */
    private void taken(long started) {
        log.info("A registration named an email that is already registered; answered as for a new one");
        long remaining = Math.min(storing.get(), TimeUnit.SECONDS.toNanos(2)) - (System.nanoTime() - started);
        if (remaining > 0) {
            LockSupport.parkNanos(remaining);
        }
    }
}
