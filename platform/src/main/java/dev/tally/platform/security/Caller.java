package dev.tally.platform.security;

/**
 * The authenticated user a request acts for, taken from the verified access token. Declare it as a controller
 * parameter; every read and write is scoped to {@code userId}.
 *
 * @param userId    the token's subject
 * @param sessionId the sign-in session the token belongs to ({@code sid})
 * @param token     the raw access token, for forwarding on the user's behalf
 */
public record Caller(String userId, String sessionId, String token) {
}
