package dev.tally.command.identity;

/**
 * Registers a person. Carries the password hash (never the password) to the {@link Credentials} written with the
 * event; commands are not stored, and the {@code UserRegistered} event carries none of it. {@code homeCurrency} is
 * optional: when given, it is recorded as PUT /me/home-currency records it.
 */
public record RegisterUser(String userId, String email, String passwordHash, String displayName, String timeZone, String homeCurrency) {

    @Override
    public String toString() { // keeps the hash out of logs
        return "RegisterUser[userId=" + userId + "]";
    }
}
