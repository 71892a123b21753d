package dev.tally.gateway;

import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.TestFeed;
import dev.tally.gateway.support.TestTokens;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Java io.socket:socket.io-client 2.1.2 against the gateway in its default options: it starts with long-polling and
 * upgrades to WebSocket, as an unmodified client does; one run keeps to polling, as behind a proxy that blocks WebSocket.
 */
class InteropTest extends GatewayIntegrationTest {

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() {
        sockets.forEach(Socket::close);
    }

    private Socket client(String token, boolean reconnect) {
        IO.Options options = IO.Options.builder().setReconnection(reconnect)
                .setAuth(token == null ? Map.of() : Map.of("token", token)).build();
        Socket socket = IO.socket(URI.create("http://localhost:" + port), options);
        sockets.add(socket);
        return socket;
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("within 10 s").isNotNull();
        return value;
    }

    @Test
    void connectsReceivesLiveEventsAndAcks() throws Exception {
        String user = newUser();
        Socket socket = client(TestTokens.token(user), false);
        BlockingQueue<Object> statuses = new LinkedBlockingQueue<>();
        BlockingQueue<JSONObject> expenses = new LinkedBlockingQueue<>();
        BlockingQueue<Object> syncStates = new LinkedBlockingQueue<>();
        socket.on("system:status", args -> statuses.add(args[0]));
        socket.on("sync:state", args -> syncStates.add(args[0]));
        socket.on("expense:created", args -> expenses.add((JSONObject) args[0]));
        socket.connect();
        await().until(socket::connected);
        assertThat(((JSONObject) poll(statuses)).getString("status")).isEqualTo("ok");
        poll(syncStates);

        feed().append(user, "expense:created", "{\"id\":\"tx-1\",\"amount\":{\"amount\":\"12.34\",\"currency\":\"EUR\"}}");
        JSONObject expense = poll(expenses);
        assertThat(expense.getString("id")).isEqualTo("tx-1");
        assertThat(expense.getJSONObject("amount").getString("amount")).isEqualTo("12.34");
        assertThat(expense.getJSONObject("_meta").getLong("seq")).isEqualTo(1);

        BlockingQueue<JSONObject> acks = new LinkedBlockingQueue<>();
        socket.emit("sync:request", new Object[]{new JSONObject().put("since", 0)}, (Ack) args -> acks.add((JSONObject) args[0]));
        JSONObject ack = poll(acks);
        assertThat(ack.getBoolean("ok")).isTrue();
        assertThat(ack.getLong("toSeq")).isEqualTo(1);
    }

    @Test
    void theDefaultClientUpgradesToWebSocket() {
        String user = newUser();
        Socket socket = client(TestTokens.token(user), false);
        socket.connect();
        await().until(socket::connected);
        await().until(() -> registry.ofUser(user).stream().anyMatch(s -> "websocket".equals(s.transport())));
    }

    @Test
    void aClientKeptToPollingConnectsReceivesAndAcks() throws Exception {
        String user = newUser();
        IO.Options options = IO.Options.builder().setTransports(new String[]{"polling"}).setReconnection(false)
                .setAuth(Map.of("token", TestTokens.token(user))).build();
        Socket socket = IO.socket(URI.create("http://localhost:" + port), options);
        sockets.add(socket);
        BlockingQueue<JSONObject> expenses = new LinkedBlockingQueue<>();
        BlockingQueue<Object> syncStates = new LinkedBlockingQueue<>();
        socket.on("sync:state", args -> syncStates.add(args[0]));
        socket.on("expense:created", args -> expenses.add((JSONObject) args[0]));
        socket.connect();
        poll(syncStates);
        feed().append(user, "expense:created", "{\"id\":\"tx-polling\"}");
        assertThat(poll(expenses).getString("id")).isEqualTo("tx-polling");
        BlockingQueue<JSONObject> acks = new LinkedBlockingQueue<>();
        socket.emit("sync:request", new Object[]{new JSONObject().put("since", 0)}, (Ack) args -> acks.add((JSONObject) args[0]));
        assertThat(poll(acks).getBoolean("ok")).isTrue();
        assertThat(registry.ofUser(user)).allMatch(s -> "polling".equals(s.transport()));
    }

    @Test
    void aBadTokenGetsConnectErrorAuthenticationErrorAndNoRetry() throws Exception {
        Socket socket = client(TestTokens.forgedToken(newUser()), true);
        BlockingQueue<Object> errors = new LinkedBlockingQueue<>();
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> errors.add(args[0]));
        socket.connect();
        Object error = poll(errors);
        assertThat(error).isInstanceOf(JSONObject.class);
        assertThat(((JSONObject) error).getString("message")).isEqualTo("Authentication error");
        assertThat(errors.poll(3, TimeUnit.SECONDS)).as("no retry").isNull();
        assertThat(socket.connected()).isFalse();
    }

    @Test
    void roomsAndPresenceThroughTheClient() throws Exception {
        String alice = newUser();
        String expense = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        ROOM_MEMBERS.add("expense:" + expense, alice);
        Socket socket = client(TestTokens.token(alice), false);
        BlockingQueue<JSONObject> presence = new LinkedBlockingQueue<>();
        socket.on("presence", args -> presence.add((JSONObject) args[0]));
        socket.connect();
        assertThat(poll(presence).getInt("devices")).isEqualTo(1);

        BlockingQueue<JSONObject> acks = new LinkedBlockingQueue<>();
        socket.emit("room:join", new Object[]{new JSONObject().put("room", "expense:" + expense)}, (Ack) args -> acks.add((JSONObject) args[0]));
        assertThat(poll(acks).getBoolean("ok")).isTrue();
        socket.emit("room:join", new Object[]{new JSONObject().put("room", "expense:not-mine")}, (Ack) args -> acks.add((JSONObject) args[0]));
        JSONObject refused = poll(acks);
        assertThat(refused.getBoolean("ok")).isFalse();
        assertThat(refused.getJSONObject("error").getString("code")).isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void aKickEndsTheSocketWithoutReconnect() throws Exception {
        String user = newUser();
        Socket socket = client(TestTokens.token(user, "kick-me", java.time.Duration.ofMinutes(5)), true);
        BlockingQueue<Object> reasons = new LinkedBlockingQueue<>();
        socket.on(Socket.EVENT_DISCONNECT, args -> reasons.add(args[0]));
        socket.connect();
        await().until(socket::connected);
        kick.kick(user, "kick-me");
        assertThat(poll(reasons)).isEqualTo("io server disconnect");
        assertThat(reasons.poll(3, TimeUnit.SECONDS)).isNull();
        assertThat(socket.connected()).isFalse();
    }

    @Test
    void theClientReconnectsAfterATransportCloseAndReplaysWithItsPosition() throws Exception {
        String user = newUser();
        TestFeed feed = feed();
        feed.appendSilently(user, "expense:created", "{}");
        // the client keeps its position in auth, as the protocol's replay recipe says
        // (the Java client's auth is a string map: lastSeq travels as "1", which the gateway accepts)
        Map<String, String> auth = new java.util.concurrent.ConcurrentHashMap<>(Map.of("token", TestTokens.token(user),
                "epoch", TestFeed.EPOCH, "lastSeq", "1"));
        IO.Options options = IO.Options.builder().setAuth(auth).build();
        Socket socket = IO.socket(URI.create("http://localhost:" + port), options);
        sockets.add(socket);
        BlockingQueue<JSONObject> events = new LinkedBlockingQueue<>();
        socket.on("expense:created", args -> {
            JSONObject payload = (JSONObject) args[0];
            auth.put("lastSeq", payload.optJSONObject("_meta").optString("seq"));
            events.add(payload);
        });
        socket.connect();
        await().until(socket::connected);
        feed.append(user, "expense:created", "{\"n\":2}");
        assertThat(poll(events).getInt("n")).isEqualTo(2);
        // the server drops the transport (as a restart would); meanwhile two entries are committed
        registry.ofUser(user).forEach(s -> s.close(org.springframework.web.socket.CloseStatus.SERVICE_RESTARTED, "shutdown"));
        feed.appendSilently(user, "expense:created", "{\"n\":3}");
        feed.appendSilently(user, "expense:created", "{\"n\":4}");
        assertThat(poll(events).getInt("n")).isEqualTo(3);
        assertThat(poll(events).getInt("n")).isEqualTo(4);
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.tally.gateway.cluster.Cluster kick;
    @org.springframework.beans.factory.annotation.Autowired
    dev.tally.gateway.socket.SocketRegistry registry;
}
