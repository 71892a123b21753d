package dev.tally.gateway.session;

import dev.tally.api.identity.SignOutListener;

/**
 * Ends a sign-in session's sockets with {@code 41} (logout, revoked token): clients do not reconnect. Reaches every
 * gateway instance (through Redis channel {@code <prefix>:sessions} when configured). Call it after logout commits.
 */
public interface SessionKick extends SignOutListener {

    /** @param sessionId the token's {@code sid}; null ends every session of the user */
    void kick(String userId, String sessionId);

    /** In one JVM (standalone) the command side's sign-outs arrive here directly. */
    @Override
    default void signedOut(String userId, String sessionId) {
        kick(userId, sessionId);
    }
}
