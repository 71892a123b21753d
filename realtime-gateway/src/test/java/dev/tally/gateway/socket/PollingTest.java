package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.PollingClient;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.TestFeed;
import dev.tally.gateway.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Engine.IO long-polling and the upgrade, spoken by hand: everything the gateway does over WebSocket, over HTTP. */
class PollingTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    Cluster kick;
    @Autowired
    MeterRegistry meters;
    @Autowired
    SocketRegistry registry;

    @Test
    void handshakeOffersTheWebSocketUpgrade() throws Exception {
        try (PollingClient client = PollingClient.open(port)) {
            JsonNode handshake = JSON.readTree(client.handshake().substring(1));
            assertThat(handshake.fieldNames()).toIterable()
                    .containsExactly("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
            assertThat(handshake.get("upgrades").toString()).isEqualTo("[\"websocket\"]");
            assertThat(handshake.get("maxPayload").asInt()).isEqualTo(65536);
        }
    }

    @Test
    void connectsGetsStatusAndSyncStateAndAcks() {
        try (PollingClient client = PollingClient.connect(port, auth(newUser()))) {
            assertThat(client.nextEvent("system:status")).contains("\"status\":\"ok\"");
            client.nextEvent("sync:state");
            assertThat(client.send("421[\"sync:request\",{\"since\":0}]")).isEqualTo(200);
            assertThat(Frames.ackAnswer(client.next(p -> p.startsWith("431"))).get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void badTokensGetAuthenticationErrorAndNoSocket() {
        try (PollingClient client = PollingClient.open(port)) {
            client.send("40{\"token\":\"" + TestTokens.forgedToken(newUser()) + "\"}");
            assertThat(client.next()).isEqualTo("44{\"message\":\"Authentication error\"}");
        }
    }

    @Test
    void livePushesReachTheUserOverPollingAndNotAnotherUser() {
        String alice = newUser();
        String bob = newUser();
        try (PollingClient a = PollingClient.connect(port, auth(alice)); PollingClient b = PollingClient.connect(port, auth(bob))) {
            a.nextEvent("sync:state");
            b.nextEvent("sync:state");
            feed().append(alice, "expense:created", "{\"id\":\"tx-1\"}");
            assertThat(Frames.payload(a.nextEvent("expense:created")).get("id").asText()).isEqualTo("tx-1");
            feed().append(bob, "balance:updated", "{\"accountId\":\"acc-b\"}");
            b.next(p -> Frames.isEvent(p, "balance:updated"));
            b.send("421[\"sync:request\",{\"since\":0}]");
            b.next(p -> p.startsWith("431"));
            assertThat(b.toString()).doesNotContain("tx-1");
        }
    }

    @Test
    void reconnectingWithAPositionReplaysOverPolling() {
        String user = newUser();
        TestFeed feed = feed();
        feed.appendSilently(user, "expense:created", "{\"id\":\"seen\"}");
        feed.appendSilently(user, "expense:updated", "{\"id\":\"missed\"}");
        try (PollingClient client = PollingClient.connect(port, auth(user, TestFeed.EPOCH, 1))) {
            String replayed = client.next(p -> Frames.isFeedEvent(p));
            assertThat(Frames.payload(replayed).get("id").asText()).isEqualTo("missed");
            assertThat(Frames.payload(client.nextEvent("sync:state")).get("recovered").asBoolean()).isTrue();
        }
    }

    @Test
    void presenceCountsAPollingAndAWebSocketDeviceOfTheUser() {
        String user = newUser();
        try (PollingClient polling = PollingClient.connect(port, auth(user))) {
            polling.next(p -> Frames.isEvent(p, "presence") && Frames.payload(p).get("devices").asInt() == 1);
            try (RawSocket ws = RawSocket.connect(port, auth(user))) {
                polling.next(p -> Frames.isEvent(p, "presence") && Frames.payload(p).get("devices").asInt() == 2);
            }
        }
    }

    @Test
    void signOutKickEndsAPollingSocketWith41() {
        String user = newUser();
        String token = "{\"token\":\"" + TestTokens.token(user, "polling-" + user, Duration.ofMinutes(5)) + "\"}";
        try (PollingClient client = PollingClient.connect(port, token)) {
            client.nextEvent("sync:state");
            kick.kick(user, "polling-" + user);
            assertThat(client.next(p -> p.equals("41"))).isEqualTo("41");
            await().untilAsserted(() -> assertThat(client.pollStatus()).isEqualTo(400));
        }
    }

    @Test
    void aClientThatStopsPollingIsClosedAfterPingIntervalAndTimeoutAndCounted() {
        double before = errors("ping-timeout");
        String user = newUser();
        PollingClient client = PollingClient.connect(port, auth(user));
        client.nextEvent("sync:state");
        client.answerPings(false);
        client.stopPolling();
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.ofUser(user).isEmpty());
        assertThat(client.pollStatus()).isEqualTo(400);
        assertThat(errors("ping-timeout")).isGreaterThan(before);
    }

    @Test
    void thePerUserCapAndTheEventRateLimitHoldOverPolling() {
        String user = newUser();
        try (PollingClient a = PollingClient.connect(port, auth(user)); PollingClient b = PollingClient.connect(port, auth(user));
             PollingClient c = PollingClient.connect(port, auth(user)); PollingClient d = PollingClient.open(port)) {
            d.send("40" + auth(user));
            assertThat(d.next()).isEqualTo("44{\"message\":\"Too many connections\"}");
            String[] burst = new String[80]; // one POST: past the burst of 40, short of the abuse limit (60 refusals in a row)
            for (int i = 0; i < burst.length; i++) {
                burst[i] = "42" + i + "[\"expense:explode\",{}]";
            }
            assertThat(a.send(burst)).isEqualTo(200);
            assertThat(a.next(p -> p.contains("RATE_LIMITED"))).contains("\"ok\":false");
        }
    }

    @Test
    void aPollingClientThatLetsTooMuchPileUpIsClosedAsASlowConsumer() {
        double before = errors("slow-consumer");
        String user = newUser();
        PollingClient client = PollingClient.connect(port, auth(user));
        await().until(() -> !registry.ofUser(user).isEmpty());
        ClientSocket socket = registry.ofUser(user).iterator().next();
        // the waiting GET takes the first push; no GET takes what piles up after it (pushed at once: a ping timeout,
        // a pingInterval + pingTimeout away, must not get there first)
        client.stopPolling();
        String big = "x".repeat(64 * 1024);
        for (int i = 0; i < 10 && !socket.closing(); i++) { // 640 K characters against a limit of 512 K
            socket.emit("t", JSON.createObjectNode().put("pad", big));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.ofUser(user).isEmpty());
        assertThat(errors("slow-consumer")).isGreaterThan(before);
    }

    @Test
    void aSecondWaitingGetEndsTheSession() {
        try (PollingClient client = PollingClient.connect(port, auth(newUser()))) {
            client.nextEvent("sync:state");
            await().untilAsserted(() -> assertThat(PollingClient.get(client.url()).statusCode()).isEqualTo(400));
            assertThat(client.awaitEnd()).isIn(200, 400); // the waiting GET got the close packet, or came after
            assertThat(client.pollStatus()).isEqualTo(400);
        }
    }

    @Test
    void postsOverMaxPayloadAre413AndChangeNothing() {
        try (PollingClient client = PollingClient.connect(port, auth(newUser()))) {
            String padding = "x".repeat(70_000);
            assertThat(client.send("421[\"sync:request\",{\"since\":0,\"padding\":\"" + padding + "\"}]")).isEqualTo(413);
            assertThat(client.send("422[\"sync:request\",{\"since\":0}]")).isEqualTo(200);
            assertThat(client.next(p -> p.startsWith("43"))).startsWith("432");
        }
    }

    @Test
    void aMalformedPostEndsTheSessionWith400() {
        PollingClient client = PollingClient.connect(port, auth(newUser()));
        assertThat(client.send("4abc")).isIn(200, 400); // Engine.IO took the message; Socket.IO found it malformed
        assertThat(client.awaitEnd()).isIn(200, 400);
        assertThat(client.pollStatus()).isEqualTo(400);
    }

    @Test
    void unknownSessionsBadMethodsAndBadQueriesGetTheReferenceServersBodies() throws Exception {
        String base = "/socket.io/?EIO=4&transport=polling";
        assertThat(request("GET", base + "&sid=nope", null)).isEqualTo("400 {\"code\":1,\"message\":\"Session ID unknown\"}");
        assertThat(request("POST", base, null)).isEqualTo("400 {\"code\":2,\"message\":\"Bad handshake method\"}");
        assertThat(request("PUT", base, null)).isEqualTo("400 {\"code\":2,\"message\":\"Bad handshake method\"}");
        assertThat(request("GET", "/socket.io/?EIO=4&transport=abc", null)).isEqualTo("400 {\"code\":0,\"message\":\"Transport unknown\"}");
        assertThat(request("GET", "/socket.io/?EIO=3&transport=polling", null)).isEqualTo("400 {\"code\":5,\"message\":\"Unsupported protocol version\"}");
    }

    @Test
    void allowedOriginsGetCorsWithCredentialsOthersGet403() throws Exception {
        String base = "http://localhost:" + port + "/socket.io/?EIO=4&transport=polling";
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(base)).header("Origin", "http://localhost:5173")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).hasValue("true");
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(base)).header("Origin", "http://localhost:5173")
                .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isIn(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:5173");
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base)).header("Origin", "http://evil.example")
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void upgradeProbeMovesTheSocketToTheWebSocketAndRefusesPollingAndASecondWebSocket() {
        String user = newUser();
        PollingClient polling = PollingClient.connect(port, auth(user));
        polling.nextEvent("sync:state");
        try (RawSocket ws = RawSocket.upgrade(port, polling.sid())) {
            ws.send("2probe");
            assertThat(ws.next()).isEqualTo("3probe");
            ws.send("5");
            ws.send("421[\"sync:request\",{\"since\":0}]");
            assertThat(Frames.ackAnswer(ws.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
            feed().append(user, "expense:created", "{\"id\":\"after-upgrade\"}");
            assertThat(Frames.payload(ws.nextEvent("expense:created")).get("id").asText()).isEqualTo("after-upgrade");
            assertThat(polling.pollStatus()).isEqualTo(400);
            try (RawSocket second = RawSocket.upgrade(port, polling.sid())) {
                assertThat(second.awaitClose()).isEqualTo(1008);
            }
        }
        polling.stopPolling();
    }

    @Test
    void binaryEventsAreRefusedWithAnErrorAckOnBothTransports() {
        String event = "451-7[\"expense:create\",{\"_placeholder\":true,\"num\":0}]";
        try (PollingClient client = PollingClient.connect(port, auth(newUser()))) {
            assertThat(client.send(event, "bAQID")).isEqualTo(200);
            assertThat(client.next(p -> p.startsWith("437"))).contains("BINARY_NOT_SUPPORTED");
            client.send("428[\"sync:request\",{\"since\":0}]");
            assertThat(client.next(p -> p.startsWith("438"))).contains("\"ok\":true");
        }
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send(event);
            socket.sendBinary(new byte[]{1, 2, 3});
            assertThat(socket.next(f -> f.startsWith("437"))).contains("BINARY_NOT_SUPPORTED");
            socket.send("428[\"sync:request\",{\"since\":0}]");
            assertThat(socket.next(f -> f.startsWith("438"))).contains("\"ok\":true");
        }
    }

    @Test
    void answersOfAKilobyteOrMoreAreGzippedForClientsThatAcceptItSmallerOnesAreNot() throws Exception {
        String user = newUser();
        feed().appendSilently(user, "expense:created", "{\"description\":\"" + "lunch ".repeat(300) + "\"}");
        String base = "http://localhost:" + port + "/socket.io/?EIO=4&transport=polling";
        HttpResponse<byte[]> open = HTTP.send(HttpRequest.newBuilder(URI.create(base)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(open.headers().firstValue("Content-Encoding")).as("a small answer").isEmpty();
        String handshake = new String(open.body(), java.nio.charset.StandardCharsets.UTF_8);
        String url = base + "&sid=" + JSON.readTree(handshake.substring(1)).get("sid").asText();
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("40" + auth(user, TestFeed.EPOCH, 0)))
                .build(), HttpResponse.BodyHandlers.discarding());
        StringBuilder received = new StringBuilder();
        boolean zipped = false;
        while (!received.toString().contains("lunch lunch")) {
            HttpResponse<byte[]> poll = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(poll.statusCode()).isEqualTo(200);
            boolean gzip = poll.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
            byte[] body = gzip ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(poll.body())).readAllBytes() : poll.body();
            assertThat(gzip).as("gzip exactly when 1 KB or more").isEqualTo(body.length >= 1024);
            zipped |= gzip;
            received.append(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(zipped).isTrue();
        HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("1")).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private double errors(String kind) {
        var counter = meters.find("tally.gateway.errors").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private String request(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}
