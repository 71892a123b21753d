package dev.tally.gateway.presence;

import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.ConnectionGate;
import dev.tally.gateway.socket.SocketLifecycle;
import dev.tally.gateway.socket.SocketRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;

import java.util.Optional;

/**
 * The per-user socket cap (across instances when the counter is shared) and {@code presence {devices}} to all of the
 * user's sockets whenever the number of their devices online changes.
 */
@Order(20)
public class Presence implements ConnectionGate, SocketLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final Cluster cluster;
    private final ObjectMapper json;
    private final String instanceId;
    private final int cap;

    public Presence(Cluster cluster, ObjectMapper json, String instanceId, int cap) {
        this.cluster = cluster;
        this.json = json;
        this.instanceId = instanceId;
        this.cap = cap;
    }

    @Override
    public Optional<String> admit(ClientSocket socket) {
        try {
            return cluster.tryAddSocket(socket.user().userId(), key(socket), cap) ? Optional.empty() : Optional.of("Too many connections");
        } catch (RuntimeException e) {
            // the shared count is out of reach (Redis down): a cap must not take the realtime service down with it, as the
            // API's rate limits let requests through; the instance's next refresh counts the socket
            log.warn("socket cap not applied: the count cannot be reached ({})", e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void release(ClientSocket socket) {
        try {
            cluster.removeSocket(socket.user().userId(), key(socket));
        } catch (RuntimeException e) {
            log.warn("socket not uncounted: the count cannot be reached ({}); its entry expires", e.toString());
        }
        announce(socket.user().userId());
    }

    @Override
    public void connected(ClientSocket socket) {
        announce(socket.user().userId());
    }

    @Override
    public void disconnected(ClientSocket socket) {
    }

    public String key(ClientSocket socket) {
        return instanceId + ":" + socket.engineId();
    }

    private void announce(String userId) {
        try {
            cluster.emit(SocketRegistry.userRoom(userId), "presence",
                    json.createObjectNode().put("userId", userId).put("devices", cluster.sockets(userId)));
        } catch (RuntimeException e) {
            log.warn("presence not announced: {}", e.toString()); // the next change announces the count again
        }
    }
}
