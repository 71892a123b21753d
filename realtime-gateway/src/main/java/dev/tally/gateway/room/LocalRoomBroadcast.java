package dev.tally.gateway.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;

/** Emits to the room members held by this instance; also the receiving end of the Redis relay. */
public class LocalRoomBroadcast implements RoomBroadcast {

    private final SocketRegistry registry;

    public LocalRoomBroadcast(SocketRegistry registry) {
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
}
