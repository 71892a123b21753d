package dev.tally.command.identity;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** Live sign-in sessions per user, in memory. */
class FakeSessions implements Sessions {

    final Map<String, Set<String>> live = new ConcurrentHashMap<>();

    FakeSessions with(String userId, String... sessionIds) {
        live.computeIfAbsent(userId, u -> new TreeSet<>()).addAll(List.of(sessionIds));
        return this;
    }

    @Override
    public List<String> revoke(String userId, Collection<String> sessionIds) {
        Set<String> sessions = live.getOrDefault(userId, new TreeSet<>());
        List<String> ended = sessions.stream().filter(sessionIds::contains).toList();
        sessions.removeAll(ended);
        return ended;
    }

    @Override
    public List<String> revokeAll(String userId) {
        Set<String> sessions = live.getOrDefault(userId, new TreeSet<>());
        List<String> ended = List.copyOf(sessions);
        sessions.clear();
        return ended;
    }

    @Override
    public List<String> revokeAllBut(String userId, String keptSessionId) {
        Set<String> sessions = live.getOrDefault(userId, new TreeSet<>());
        List<String> ended = sessions.stream().filter(s -> !s.equals(keptSessionId)).toList();
        sessions.removeAll(ended);
        return ended;
    }
}
