package dev.tally.gateway.presence;

import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.ConnectionGate;
import dev.tally.gateway.socket.SocketLifecycle;
import dev.tally.gateway.socket.SocketRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.annotation.Order;

import java.util.Optional;

/**
 * The per-user socket cap (across instances when the counter is shared) and {@code presence {devices}} to all of the
 * user's sockets whenever the number of their devices online changes.
 */
@Order(20)
public class Presence implements ConnectionGate, SocketLifecycle {

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
        return cluster.tryAddSocket(socket.user().userId(), key(socket), cap) ? Optional.empty() : Optional.of("Too many connections");
    }

    @Override
    public void release(ClientSocket socket) {
        cluster.removeSocket(socket.user().userId(), key(socket));
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
        cluster.emit(SocketRegistry.userRoom(userId), "presence",
                json.createObjectNode().put("userId", userId).put("devices", cluster.sockets(userId)));
    }
}
