package dev.tally.gateway.socket;

/** Who a socket belongs to, from its verified CONNECT token; {@code token} is forwarded to the command API. */
public record SocketUser(String userId, String sessionId, String name, String token) {
}
