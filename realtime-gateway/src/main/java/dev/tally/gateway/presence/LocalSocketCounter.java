package dev.tally.gateway.presence;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** The count when this is the only instance. */
public class LocalSocketCounter implements SocketCounter {

    private final Map<String, Set<String>> sockets = new HashMap<>();

    @Override
    public synchronized boolean tryAdd(String userId, String socketKey, int cap) {
        Set<String> keys = sockets.computeIfAbsent(userId, u -> new HashSet<>());
        if (keys.size() >= cap) {
            return false;
        }
        keys.add(socketKey);
        return true;
    }

    @Override
    public synchronized void remove(String userId, String socketKey) {
        Set<String> keys = sockets.get(userId);
        if (keys != null && keys.remove(socketKey) && keys.isEmpty()) {
            sockets.remove(userId);
        }
    }

    @Override
    public synchronized int count(String userId) {
        return sockets.getOrDefault(userId, Set.of()).size();
    }
}
