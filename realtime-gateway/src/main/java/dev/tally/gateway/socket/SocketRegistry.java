package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The sockets this instance holds, by engine id, by user and by room ({@code user:{id}}, {@code expense:{id}}). */
public class SocketRegistry {

    private final Map<String, ClientSocket> all = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSocket>> rooms = new ConcurrentHashMap<>();

    public static String userRoom(String userId) {
        return "user:" + userId;
    }

    void opened(ClientSocket socket) {
        all.put(socket.engineId(), socket);
    }

    /** A socket that connected to "/" joins its user's room. */
    void connected(ClientSocket socket) {
        join(socket, userRoom(socket.user().userId()));
    }

    void removed(ClientSocket socket) {
        all.remove(socket.engineId());
        for (String room : List.copyOf(socket.rooms())) {
            leave(socket, room);
        }
    }

    public Collection<ClientSocket> all() {
        return all.values();
    }

    public int size() {
        return all.size();
    }

    public void join(ClientSocket socket, String room) {
        rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).add(socket);
        socket.rooms().add(room);
    }

    public void leave(ClientSocket socket, String room) {
        socket.rooms().remove(room);
        rooms.computeIfPresent(room, (r, members) -> {
            members.remove(socket);
            return members.isEmpty() ? null : members;
        });
    }

    public Set<ClientSocket> inRoom(String room) {
        Set<ClientSocket> members = rooms.get(room);
        return members == null ? Set.of() : members;
    }

    public Set<ClientSocket> ofUser(String userId) {
        return inRoom(userRoom(userId));
    }

    public void emitToRoom(String room, String event, JsonNode payload) {
        for (ClientSocket socket : inRoom(room)) {
            socket.emit(event, payload);
        }
    }
}
