package dev.tally.command.identity;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * Checks an email and password against the stored credentials. An unknown email is checked against a dummy hash made
 * by the same encoder, so it costs the same time as a wrong password and the answer's timing says nothing either.
 */
@Component
class PasswordCheck {

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final String dummyHash;

    PasswordCheck(Credentials credentials, PasswordEncoder passwords) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    /** The credentials when the password is theirs; empty for a wrong password and an unknown email alike. */
    Optional<Credentials.Credential> check(String normalisedEmail, String password) {
        Optional<Credentials.Credential> found = credentials.findByEmail(normalisedEmail);
        boolean matches = passwords.matches(password, found.map(Credentials.Credential::passwordHash).orElse(dummyHash));
        if (found.isEmpty() || !matches) {
            return Optional.empty();
        }
        if (passwords.upgradeEncoding(found.get().passwordHash())) { // the default encoder got stronger since
            credentials.replacePasswordHash(found.get().userId(), passwords.encode(password));
        }
        return found;
    }
}
