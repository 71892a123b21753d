package dev.tally.gateway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** One instance alone: rooms, sessions and sockets are the ones it holds. Also what {@link RedisCluster} applies locally. */
public class LocalCluster implements Cluster {

    private final SocketRegistry registry;
    private final Map<String, Set<String>> sockets = new HashMap<>();

    public LocalCluster(SocketRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void emit(String room, String event, JsonNode payload) {
        if (ALL.equals(room)) {
            for (ClientSocket socket : registry.all()) {
                if (socket.connected()) {
                    socket.emit(event, payload);
                }
            }
        } else {
            registry.emitToRoom(room, event, payload);
        }
    }

    /** The registry knows who is in a room: nothing to record. */
    @Override
    public void joined(String room, String userId, String socketKey) {
    }

    @Override
    public void left(String room, String userId, String socketKey) {
    }

    @Override
    public Set<String> present(String room) {
        Set<String> users = new TreeSet<>();
        registry.inRoom(room).forEach(s -> users.add(s.user().userId()));
        return users;
    }

    @Override
    public void kick(String userId, String sessionId) {
        for (ClientSocket socket : List.copyOf(registry.ofUser(userId))) {
            if (sessionId == null || Objects.equals(sessionId, socket.user().sessionId())) {
                socket.kick();
            }
        }
    }

    @Override
    public synchronized boolean tryAddSocket(String userId, String socketKey, int cap) {
        Set<String> keys = sockets.computeIfAbsent(userId, u -> new HashSet<>());
        if (keys.size() >= cap) {
            return false;
        }
        keys.add(socketKey);
        return true;
    }

    @Override
    public synchronized void removeSocket(String userId, String socketKey) {
        Set<String> keys = sockets.get(userId);
        if (keys != null && keys.remove(socketKey) && keys.isEmpty()) {
            sockets.remove(userId);
        }
    }

    /** The user's sockets connected to this instance (what {@link RedisCluster} counts while Redis is away). */
    int connectedHere(String userId) {
        return (int) registry.ofUser(userId).stream().filter(ClientSocket::connected).count();
    }

    @Override
    public synchronized int sockets(String userId) {
        return sockets.getOrDefault(userId, Set.of()).size();
    }
}
