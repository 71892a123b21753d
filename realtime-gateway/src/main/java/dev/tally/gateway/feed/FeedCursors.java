package dev.tally.gateway.feed;

import dev.tally.gateway.socket.ClientSocket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The feed cursor of every connected socket, by engine id. */
public class FeedCursors {

    private final Map<String, FeedCursor> cursors = new ConcurrentHashMap<>();

    void put(ClientSocket socket, FeedCursor cursor) {
        cursors.put(socket.engineId(), cursor);
    }

    void remove(ClientSocket socket) {
        cursors.remove(socket.engineId());
    }

    FeedCursor of(ClientSocket socket) {
        return cursors.get(socket.engineId());
    }
}
