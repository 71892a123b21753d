package dev.tally.gateway.room;

import dev.tally.gateway.cluster.Cluster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.socket.Ack;
import dev.tally.gateway.socket.ClientEventHandler;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.EngineIoHandler;
import dev.tally.gateway.socket.SocketLifecycle;
import dev.tally.gateway.socket.SocketRegistry;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * {@code room:join} / {@code room:leave} for {@code expense:{id}} and {@code group:{id}} rooms, members only, and
 * {@code room:activity} to the room when someone joins or leaves ({@code present} lists the users in the room on every
 * instance). Membership is the query side's to say ({@link RoomMembership}): asked at each join, and again when the
 * feed tells a user an expense or group is gone for them, so a former member is put out of the room at once.
 */
@Order(50)
public class ExpenseRooms implements ClientEventHandler, SocketLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExpenseRooms.class);

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PREFIX = "expense:";
    private static final String GROUP_PREFIX = "group:";

    private final SocketRegistry registry;
    private final Cluster cluster;
    private final java.util.function.Function<ClientSocket, String> socketKey;
    private final RoomMembership membership;
    private final ObjectMapper json;

    public ExpenseRooms(SocketRegistry registry, Cluster cluster, java.util.function.Function<ClientSocket, String> socketKey,
                        RoomMembership membership, ObjectMapper json) {
        this.registry = registry;
        this.cluster = cluster;
        this.socketKey = socketKey;
        this.membership = membership;
        this.json = json;
    }

    @Override
    public Set<String> events() {
        return Set.of("room:join", "room:leave");
    }

    @Override
    public void handle(ClientSocket socket, String event, JsonNode payload, Ack ack) {
        String room = room(payload);
        if (room == null) {
            ack.send(EngineIoHandler.errorAnswer(json, "BAD_REQUEST", "Name the room as {\"room\":\"expense:<id>\"} or "
                    + "{\"room\":\"group:<id>\"} (or {\"expenseId\":\"<id>\"}, {\"groupId\":\"<id>\"}); only expense and group rooms can be joined."));
            return;
        }
        if (event.equals("room:leave")) {
            boolean was = socket.rooms().contains(room);
            registry.leave(socket, room);
            if (was) {
                cluster.left(room, socket.user().userId(), socketKey.apply(socket));
                activity(room, socket, "left");
            }
            ack.send(json.createObjectNode().put("ok", true).put("room", room));
            return;
        }
        Boolean member = mayJoin(socket, room);
        if (member == null) {
            ack.send(EngineIoHandler.errorAnswer(json, "QUERY_API_UNAVAILABLE", "Membership cannot be checked now; retry the join."));
            return;
        }
        if (!member) { // same answer whether it exists or not
            ack.send(EngineIoHandler.errorAnswer(json, "NOT_A_MEMBER", room.startsWith(GROUP_PREFIX)
                    ? "No such group, or you are not one of its members." : "No such expense, or you are not one of its members."));
            return;
        }
        registry.join(socket, room);
        cluster.joined(room, socket.user().userId(), socketKey.apply(socket));
        ObjectNode answer = json.createObjectNode().put("ok", true).put("room", room);
        answer.set("present", present(room));
        ack.send(answer);
        activity(room, socket, "joined");
    }

    /** Null when the query side cannot say. Waits, as the join is answered in order with the socket's other events. */
    private Boolean mayJoin(ClientSocket socket, String room) {
        try {
            return membership.isMember(socket.user(), room).join();
        } catch (CompletionException | CancellationException e) {
            log.warn("membership of {} could not be checked: {}", room, e.toString());
            return null;
        }
    }

    /**
     * The feed told users that an expense ({@code expense:deleted}, also what a former participant receives) or a group
     * ({@code group:removed}) is gone for them: their sockets in its room here stay only if the query side still counts
     * them as members. When it cannot say, they are put out (they may join again): a former member must not listen in.
     */
    public void recheck(List<FeedEntry> entries) {
        for (FeedEntry entry : entries) {
            String room = endedRoom(entry);
            if (room == null) {
                continue;
            }
            for (ClientSocket socket : registry.ofUser(entry.userId())) {
                if (socket.rooms().contains(room)) {
                    membership.isMember(socket.user(), room).exceptionally(e -> false)
                            .thenAccept(member -> {
                                if (!member) {
                                    putOut(socket, room);
                                }
                            });
                }
            }
        }
    }

    private static String endedRoom(FeedEntry entry) {
        if (entry.stateKey() == null) {
            return null;
        }
        if (entry.event().equals(FeedEvents.EXPENSE_DELETED.name())) {
            return PREFIX + entry.stateKey();
        }
        return entry.event().equals(FeedEvents.GROUP_REMOVED.name()) ? GROUP_PREFIX + entry.stateKey() : null;
    }

    /** Out of the room: the socket is told ({@code action: "removed"}), the room sees it leave. */
    private void putOut(ClientSocket socket, String room) {
        if (!socket.rooms().contains(room)) {
            return;
        }
        registry.leave(socket, room);
        cluster.left(room, socket.user().userId(), socketKey.apply(socket));
        socket.emit("room:activity", activityPayload(room, socket, "removed"));
        activity(room, socket, "left");
    }

    @Override
    public void connected(ClientSocket socket) {
    }

    @Override
    public void disconnected(ClientSocket socket) {
        for (String room : List.copyOf(socket.rooms())) {
            if (room.startsWith(PREFIX) || room.startsWith(GROUP_PREFIX)) {
                registry.leave(socket, room);
                cluster.left(room, socket.user().userId(), socketKey.apply(socket));
                activity(room, socket, "left");
            }
        }
    }

    private void activity(String room, ClientSocket socket, String action) {
        cluster.emit(room, "room:activity", activityPayload(room, socket, action));
    }

    private ObjectNode activityPayload(String room, ClientSocket socket, String action) {
        ObjectNode payload = json.createObjectNode().put("room", room).put("action", action);
        payload.putObject("user").put("id", socket.user().userId()).put("name", socket.user().name());
        payload.set("present", present(room));
        return payload;
    }

    private JsonNode present(String room) {
        var array = json.createArrayNode();
        cluster.present(room).forEach(array::add);
        return array;
    }

    /** {@code expense:<id>} or {@code group:<id>}, or null when the payload names neither well. */
    private static String room(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return null;
        }
        String prefix = null;
        String id = null;
        String named = payload.path("room").isTextual() ? payload.get("room").asText() : null;
        if (named != null && (named.startsWith(PREFIX) || named.startsWith(GROUP_PREFIX))) {
            prefix = named.startsWith(PREFIX) ? PREFIX : GROUP_PREFIX;
            id = named.substring(prefix.length());
        } else if (payload.path("expenseId").isTextual()) {
            prefix = PREFIX;
            id = payload.get("expenseId").asText();
        } else if (payload.path("groupId").isTextual()) {
            prefix = GROUP_PREFIX;
            id = payload.get("groupId").asText();
        }
        return id != null && ID.matcher(id).matches() ? prefix + id : null;
    }
}
