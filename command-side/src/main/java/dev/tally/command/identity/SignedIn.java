package dev.tally.command.identity;

/**
 * What signing in, registering and refreshing answer: a short-lived access token (JWT, {@code expiresIn} seconds),
 * the session's next refresh token (opaque, used once), and who signed in.
 */
public record SignedIn(String accessToken, String tokenType, long expiresIn, String refreshToken, SignedInUser user) {

    public record SignedInUser(String id, String displayName, String timeZone) {
    }

    @Override
    public String toString() { // keeps tokens out of logs
        return "SignedIn[user=" + user.id() + "]";
    }
}
