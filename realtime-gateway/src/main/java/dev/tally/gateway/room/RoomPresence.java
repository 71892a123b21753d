package dev.tally.gateway.room;

import java.util.Set;

/** Who is in an {@code expense:} room, across every gateway instance (the {@code present} list of room:activity). */
public interface RoomPresence {

    void joined(String room, String userId, String socketKey);

    void left(String room, String userId, String socketKey);

    Set<String> present(String room);
}
