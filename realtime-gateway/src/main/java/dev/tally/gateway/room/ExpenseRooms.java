package dev.tally.gateway.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.socket.Ack;
import dev.tally.gateway.socket.ClientEventHandler;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.EngineIoHandler;
import dev.tally.gateway.socket.SocketLifecycle;
import dev.tally.gateway.socket.SocketRegistry;
import org.springframework.core.annotation.Order;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code room:join} / {@code room:leave} for {@code expense:{id}} and {@code group:{id}} rooms, members only, and
 * {@code room:activity} to the room when someone joins or leaves ({@code present} lists the users in the room on every
 * instance).
 */
@Order(50)
public class ExpenseRooms implements ClientEventHandler, SocketLifecycle {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PREFIX = "expense:";
    private static final String GROUP_PREFIX = "group:";

    private final SocketRegistry registry;
    private final RoomPresence presence;
    private final java.util.function.Function<ClientSocket, String> socketKey;
    private final ExpenseMembership membership;
    private final GroupMembership groupMembership;
    private final RoomBroadcast broadcast;
    private final ObjectMapper json;

    public ExpenseRooms(SocketRegistry registry, RoomPresence presence, java.util.function.Function<ClientSocket, String> socketKey,
                        ExpenseMembership membership, GroupMembership groupMembership, RoomBroadcast broadcast, ObjectMapper json) {
        this.groupMembership = groupMembership;
        this.registry = registry;
        this.presence = presence;
        this.socketKey = socketKey;
        this.membership = membership;
        this.broadcast = broadcast;
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
                presence.left(room, socket.user().userId(), socketKey.apply(socket));
                activity(room, socket, "left");
            }
            ack.send(json.createObjectNode().put("ok", true).put("room", room));
            return;
        }
        if (!mayJoin(socket.user().userId(), room)) { // same answer whether it exists or not
            ack.send(EngineIoHandler.errorAnswer(json, "NOT_A_MEMBER", room.startsWith(GROUP_PREFIX)
                    ? "No such group, or you are not one of its members." : "No such expense, or you are not one of its members."));
            return;
        }
        registry.join(socket, room);
        presence.joined(room, socket.user().userId(), socketKey.apply(socket));
        ObjectNode answer = json.createObjectNode().put("ok", true).put("room", room);
        answer.set("present", present(room));
        ack.send(answer);
        activity(room, socket, "joined");
    }

    private boolean mayJoin(String userId, String room) {
        return room.startsWith(GROUP_PREFIX)
                ? groupMembership.isMember(userId, room.substring(GROUP_PREFIX.length()))
                : membership.isMember(userId, room.substring(PREFIX.length()));
    }

    @Override
    public void connected(ClientSocket socket) {
    }

    @Override
    public void disconnected(ClientSocket socket) {
        for (String room : List.copyOf(socket.rooms())) {
            if (room.startsWith(PREFIX) || room.startsWith(GROUP_PREFIX)) {
                registry.leave(socket, room);
                presence.left(room, socket.user().userId(), socketKey.apply(socket));
                activity(room, socket, "left");
            }
        }
    }

    private void activity(String room, ClientSocket socket, String action) {
        ObjectNode payload = json.createObjectNode().put("room", room).put("action", action);
        payload.putObject("user").put("id", socket.user().userId()).put("name", socket.user().name());
        payload.set("present", present(room));
        broadcast.emit(room, "room:activity", payload);
    }

    private JsonNode present(String room) {
        var array = json.createArrayNode();
        presence.present(room).forEach(array::add);
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
