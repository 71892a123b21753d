package dev.tally.platform.security;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated user a request acts for, taken from the verified access token. Declare it as a controller
 * parameter; every read and write is scoped to {@code userId}.
 *
 * @param userId    the token's subject
 * @param sessionId the sign-in session the token belongs to ({@code sid})
 * @param token     the raw access token, for forwarding on the user's behalf
 */
public record Caller(String userId, String sessionId, String token) {

    /** The caller of the request this thread serves, from its verified access token. */
    public static Caller current() {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken jwt) {
            return new Caller(jwt.getToken().getSubject(), jwt.getToken().getClaimAsString("sid"), jwt.getToken().getTokenValue());
        }
        throw new AuthenticationCredentialsNotFoundException("no access token");
    }
}
