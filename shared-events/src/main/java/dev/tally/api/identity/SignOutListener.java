package dev.tally.api.identity;

/**
 * Told after a sign-out ({@link UserSignedOut}) committed, so the session's open sockets can be closed for good.
 * In one JVM the gateway listens directly; across processes the command side publishes on Redis.
 */
public interface SignOutListener {

    /** @param sessionId the ended session ({@code sid} of its tokens) */
    void signedOut(String userId, String sessionId);
}
