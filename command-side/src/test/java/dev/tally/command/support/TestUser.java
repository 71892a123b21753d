package dev.tally.command.support;

/** A signed-in user in a test: id and a valid access token. */
public record TestUser(String userId, String token) {
}
