package dev.tally.command.support;

/**
 * A user who registered and signed in through the real identity API: credentials, the session's tokens and its id
 * (the {@code sid} of the access token).
 */
public record RegisteredUser(String userId, String email, String password, String displayName,
                             String accessToken, String refreshToken, String sessionId) {

    /** The user as other API tests address requests with {@code api.post(…).as(user)}. */
    public TestUser testUser() {
        return new TestUser(userId, accessToken);
    }
}
