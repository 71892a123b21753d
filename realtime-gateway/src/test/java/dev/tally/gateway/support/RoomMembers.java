package dev.tally.gateway.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the query side answers to {@code GET /api/v1/rooms/{kind}/{id}}, kept in memory for the query API stub: 204 to
 * a member (by the bearer token's user), 404 to anyone else, 401 without a valid token.
 */
public class RoomMembers {

    private static final Pattern PATH = Pattern.compile("/api/v1/rooms/(expense|group)/([A-Za-z0-9_-]+)");

    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

    /** {@code room} as the protocol names it: {@code expense:<id>} or {@code group:<id>}. */
    public void add(String room, String... userIds) {
        members.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet()).addAll(Set.of(userIds));
    }

    public void remove(String room, String userId) {
        members.getOrDefault(room, Set.of()).remove(userId);
    }

    public CommandApiStub.Response answer(CommandApiStub.Request request) {
        Matcher path = PATH.matcher(request.path());
        String user = TestTokens.userOf(request.header("Authorization"));
        if (!request.method().equals("GET") || !path.matches()) {
            return new CommandApiStub.Response(404, "application/problem+json", "{\"status\":404}");
        }
        if (user == null) {
            return new CommandApiStub.Response(401, "application/problem+json", "{\"status\":401}");
        }
        boolean member = members.getOrDefault(path.group(1) + ":" + path.group(2), Set.of()).contains(user);
        return member ? new CommandApiStub.Response(204, "application/json", "")
                : new CommandApiStub.Response(404, "application/problem+json", "{\"status\":404}");
    }
}
