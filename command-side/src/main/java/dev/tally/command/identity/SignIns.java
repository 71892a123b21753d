package dev.tally.command.identity;

import dev.tally.platform.id.Ids;
import dev.tally.api.identity.UserSignedOut;
import dev.tally.command.dispatch.Commands;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.InvalidRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions: signing in (password, throttled), refreshing (rotation with reuse detection) and signing out. A session is
 * one sign-in: its id is the access tokens' {@code sid} and its refresh tokens share it; ending it is a
 * {@link UserSignedOut} event, so the audit shows it and the gateway closes that session's sockets.
 */
@Component
class SignIns {

    private static final Logger log = LoggerFactory.getLogger(SignIns.class);

    private final Credentials credentials;
    private final PasswordCheck passwordCheck;
    private final SignInThrottle throttle;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final TokenProperties tokenProperties;
    private final Commands commands;

    SignIns(Credentials credentials, PasswordCheck passwordCheck, SignInThrottle throttle, RefreshTokens refreshTokens,
            AccessTokens accessTokens, TokenProperties tokenProperties, Commands commands) {
        this.credentials = credentials;
        this.passwordCheck = passwordCheck;
        this.throttle = throttle;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.tokenProperties = tokenProperties;
        this.commands = commands;
    }

    /** Unknown email and wrong password fail alike: same work, same failure count, same answer. */
    SignedIn logIn(String email, String password, String clientAddress) {
        String normalised = RegistrationRules.normaliseEmail(email);
        List<FieldError> missing = new ArrayList<>();
        if (normalised.isEmpty()) {
            missing.add(new FieldError("email", "must not be blank"));
        }
        if (password == null || password.isEmpty()) {
            missing.add(new FieldError("password", "must not be blank"));
        }
        if (!missing.isEmpty()) {
            throw new InvalidRequest(missing);
        }
        throttle.check(normalised, clientAddress);
        Optional<Credentials.Credential> found = passwordCheck.check(normalised, password);
        if (found.isEmpty()) {
            throttle.recordFailure(normalised, clientAddress);
            throw NotSignedIn.invalidCredentials();
        }
        Credentials.Credential credential = found.get();
        throttle.recordSuccess(normalised, clientAddress);
        return startSession(credential.userId(), credential.displayName(), credential.timeZone());
    }

    /** A new session: a fresh {@code sid}, its first refresh token and an access token. */
    SignedIn startSession(String userId, String displayName, String timeZone) {
        String sessionId = Ids.next();
        return signedIn(userId, sessionId, displayName, timeZone, refreshTokens.start(userId, sessionId));
    }

    /**
     * Uses a refresh token once. A token used a second time means it was copied: the whole session is ended (its
     * latest token too), so whoever holds it, thief or owner, must sign in again.
     */
    SignedIn refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw new InvalidRequest(List.of(new FieldError("refreshToken", "must not be blank")));
        }
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken.trim());
        if (rotation instanceof RefreshTokens.Rotation.Rotated rotated) {
            Credentials.Credential credential = credentials.find(rotated.userId()).orElseThrow(NotSignedIn::invalidRefreshToken);
            return signedIn(credential.userId(), rotated.sessionId(), credential.displayName(), credential.timeZone(), rotated.next());
        }
        if (rotation instanceof RefreshTokens.Rotation.Reused reused) {
            log.warn("A used refresh token of session {} (user {}) was presented again; ending the session", reused.sessionId(), reused.userId());
            signOut(reused.userId(), reused.sessionId(), List.of(reused.sessionId()), false);
        }
        throw NotSignedIn.invalidRefreshToken();
    }

    /**
     * Ends the caller's session (and the session of {@code refreshToken}, when it is the caller's), or all of the
     * caller's sessions. Access tokens already issued stay valid until they expire (at most the access-token TTL);
     * the sockets of the ended sessions are closed on {@link UserSignedOut}.
     */
    void logOut(Caller caller, String refreshToken, boolean allSessions) {
        Set<String> sessions = new LinkedHashSet<>();
        if (caller.sessionId() != null) {
            sessions.add(caller.sessionId());
        }
        if (refreshToken != null && !refreshToken.isBlank()) {
            refreshTokens.sessionOf(caller.userId(), refreshToken.trim()).ifPresent(sessions::add);
        }
        signOut(caller.userId(), caller.sessionId(), List.copyOf(sessions), allSessions);
    }

    private void signOut(String userId, String actingSessionId, List<String> sessionIds, boolean allSessions) {
        commands.send(new Caller(userId, actingSessionId, null), null, "user", userId, new SignOut(userId, sessionIds, allSessions));
    }

    private SignedIn signedIn(String userId, String sessionId, String displayName, String timeZone, RefreshTokens.IssuedRefreshToken refresh) {
        AccessTokens.IssuedToken access = accessTokens.issue(userId, sessionId, displayName);
        return new SignedIn(access.token(), "Bearer", tokenProperties.accessTokenTtl().toSeconds(), refresh.token(),
                new SignedIn.SignedInUser(userId, displayName, timeZone));
    }
}
