package dev.tally.gateway.session;

/**
 * Ends a sign-in session's sockets with {@code 41} (logout, revoked token): clients do not reconnect. Reaches every
 * gateway instance (through Redis channel {@code <prefix>:sessions} when configured). Call it after logout commits.
 */
public interface SessionKick {

    /** @param sessionId the token's {@code sid}; null ends every session of the user */
    void kick(String userId, String sessionId);
}
