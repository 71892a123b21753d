package dev.tally.gateway.socket;

import java.time.Instant;

/**
 * Who a socket belongs to, from its verified token; {@code token} is forwarded to the command API, and the socket is
 * closed at {@code expiresAt} unless the client sent a fresh token first ({@link TokenLifetime}).
 */
public record SocketUser(String userId, String sessionId, String name, String token, Instant expiresAt) {
}
