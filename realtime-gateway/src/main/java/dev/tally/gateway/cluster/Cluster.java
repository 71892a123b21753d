package dev.tally.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.identity.SignOutListener;

import java.util.Set;

/**
 * What the gateway instances share: room emits, who is in a room, session kicks and the sockets each user has open.
 * {@link LocalCluster} when one instance runs alone; {@link RedisCluster} when several share a Redis.
 */
public interface Cluster extends SignOutListener {

    /** The room that reaches every socket (for {@code system:status}). */
    String ALL = "*";

    /** Emits {@code event} to the sockets in {@code room} on every instance. */
    void emit(String room, String event, JsonNode payload);

    void joined(String room, String userId, String socketKey);

    void left(String room, String userId, String socketKey);

    /** The users in an {@code expense:} room on every instance (the {@code present} list of {@code room:activity}). */
    Set<String> present(String room);

    /**
     * Ends a sign-in session's sockets on every instance with {@code 41} (logout, revoked token): clients do not
     * reconnect. Call it after the logout commits.
     *
     * @param sessionId the token's {@code sid}; null ends every session of the user
     */
    void kick(String userId, String sessionId);

    /** In one JVM (standalone) the command side's sign-outs arrive here directly. */
    @Override
    default void signedOut(String userId, String sessionId) {
        kick(userId, sessionId);
    }

    /** Counts the socket unless the user already has {@code cap} open on all instances; false when refused. */
    boolean tryAddSocket(String userId, String socketKey, int cap);

    void removeSocket(String userId, String socketKey);

    /** The user's open sockets on all instances (the per-user cap and the {@code presence} figure). */
    int sockets(String userId);
}
