package dev.tally.gateway.room;

import dev.tally.gateway.socket.SocketRegistry;

import java.util.Set;
import java.util.TreeSet;

/** One instance: the room's members are the sockets this instance holds. */
public class LocalRoomPresence implements RoomPresence {

    private final SocketRegistry registry;

    public LocalRoomPresence(SocketRegistry registry) {
        this.registry = registry;
    }

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
}
