package dev.tally.command.identity;

import dev.tally.platform.id.Ids;
import dev.tally.command.dispatch.Commands;
import dev.tally.platform.security.Caller;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;


/**
 * Registers a person and signs them in. The password is hashed before the command is sent, so no transaction is held
 * open while the (deliberately slow) hash is computed.
 */
@Component
class Registrations {

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final Commands commands;
    private final SignIns signIns;

    Registrations(Credentials credentials, PasswordEncoder passwords, Commands commands, SignIns signIns) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.commands = commands;
        this.signIns = signIns;
    }

    SignedIn register(String email, String password, String displayName, String timeZone) {
        RegistrationRules.Registration registration = RegistrationRules.check(email, password, displayName, timeZone);
        if (credentials.findByEmail(registration.email()).isPresent()) {
            throw new EmailTaken(); // early and cheap; the unique constraint still settles races
        }
        String userId = Ids.next();
        commands.send(new Caller(userId, null, null), null, "user", userId, new RegisterUser(userId, registration.email(),
                passwords.encode(registration.password()), registration.displayName(), registration.timeZone()));
        return signIns.startSession(userId, registration.displayName(), registration.timeZone());
    }
}
