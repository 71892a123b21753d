package dev.tally.command.identity;

import dev.tally.command.dispatch.Commands;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.ForbiddenException;
import dev.tally.platform.web.InvalidRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * A person erasing their account. The current password is checked like a sign-in (same progressive delays), so a
 * stolen access token alone cannot erase anyone.
 */
@Component
class Erasures {

    private final Credentials credentials;
    private final PasswordEncoder passwords;
    private final SignInThrottle throttle;
    private final Commands commands;

    Erasures(Credentials credentials, PasswordEncoder passwords, SignInThrottle throttle, Commands commands) {
        this.credentials = credentials;
        this.passwords = passwords;
        this.throttle = throttle;
        this.commands = commands;
    }

    void erase(Caller caller, String currentPassword, String clientAddress) {
        if (currentPassword == null || currentPassword.isEmpty()) {
            throw new InvalidRequest("currentPassword", "must not be blank");
        }
        Credentials.Credential credential = credentials.find(caller.userId()).orElseThrow(NotSignedIn::invalidCredentials);
        throttle.check(credential.email(), clientAddress);
        if (!passwords.matches(currentPassword, credential.passwordHash())) {
            throttle.recordFailure(credential.email(), clientAddress);
            throw new ForbiddenException("wrong_password", "The current password is not correct.");
        }
        commands.send(caller, null, "user", caller.userId(), new EraseUser(caller.userId()));
    }
}
