package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Engine.IO / Socket.IO frame rule and refusal, spoken by hand over a raw WebSocket. */
class ProtocolTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void handshakeAdvertisesExactlyTheFiveKeys() throws Exception {
        try (RawSocket socket = RawSocket.open(port)) {
            String open = socket.next();
            assertThat(open).startsWith("0");
            JsonNode handshake = JSON.readTree(open.substring(1));
            Iterator<String> names = handshake.fieldNames();
            assertThat(names).toIterable().containsExactly("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
            assertThat(handshake.get("sid").asText()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(handshake.get("upgrades").isEmpty()).isTrue();
            assertThat(handshake.get("pingInterval").asLong()).isEqualTo(1000);
            assertThat(handshake.get("pingTimeout").asLong()).isEqualTo(1000);
            assertThat(handshake.get("maxPayload").asLong()).isEqualTo(65536);
        }
    }

    @Test
    void connectAnswersWithASocketIdDifferentFromTheEngineId() throws Exception {
        try (RawSocket socket = RawSocket.open(port)) {
            String engineSid = JSON.readTree(socket.next().substring(1)).get("sid").asText();
            socket.send("40" + auth(newUser()));
            String connected = socket.next();
            assertThat(connected).startsWith("40{\"sid\":\"");
            assertThat(JSON.readTree(connected.substring(2)).get("sid").asText()).isNotEqualTo(engineSid);
            assertThat(socket.nextEvent("system:status")).contains("\"status\":\"ok\"");
        }
    }

    @Test
    void missingBadForgedExpiredOrWrongIssuerTokensGetAuthenticationError() {
        String user = newUser();
        for (String auth : new String[]{"", "{}", "{\"token\":42}", "{\"token\":\"not-a-jwt\"}",
                "{\"token\":\"" + TestTokens.forgedToken(user) + "\"}",
                "{\"token\":\"" + TestTokens.token(user, "s", Duration.ofMinutes(-5)) + "\"}",
                "{\"token\":\"" + TestTokens.wrongIssuerToken(user) + "\"}",
                // the signature still verifies (the decoder skips what is not base64url), but no Authorization header
                // can carry it: every command and room:join of the socket failed as INTERNAL
                "{\"token\":\"" + TestTokens.token(user) + "\\n\"}", "{\"token\":\"" + TestTokens.token(user) + "\u0100\"}"}) {
            try (RawSocket socket = RawSocket.open(port)) {
                socket.next();
                socket.send("40" + auth);
                assertThat(socket.next()).as("auth %s", auth).isEqualTo("44{\"message\":\"Authentication error\"}");
                // not connected: an event now is a protocol violation and closes the socket
                socket.send("42[\"sync:request\",{\"since\":0}]");
                assertThat(socket.awaitClose()).isEqualTo(1002);
            }
        }
    }

    @Test
    void anyNamespaceButTheMainOneIsInvalid() {
        try (RawSocket socket = RawSocket.open(port)) {
            socket.next();
            socket.send("40/admin," + auth(newUser()));
            assertThat(socket.next()).isEqualTo("44/admin,{\"message\":\"Invalid namespace\"}");
            socket.send("40" + auth(newUser()));
            assertThat(socket.next()).startsWith("40{\"sid\":");
        }
    }

    @Test
    void noConnectWithinTheTimeoutCloses() {
        try (RawSocket socket = RawSocket.open(port)) {
            socket.next();
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void serverPingsAndClosesWithoutPong() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser())).answerPings(false)) {
            assertThat(socket.next(f -> f.equals("2"))).isEqualTo("2");
            assertThat(socket.awaitClose()).isEqualTo(1001);
        }
    }

    @Test
    void answeredPingsKeepTheSocketOpen() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            // several ping rounds (interval 1 s, timeout 1 s in tests) later the socket still answers
            org.awaitility.Awaitility.await().until(() -> socket.pingsAnswered() >= 3);
            socket.send("421[\"sync:request\",{\"since\":0}]");
            assertThat(socket.next(f -> f.startsWith("431"))).contains("\"ok\":true");
            assertThat(socket.isClosed()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "9", "5", "2", "3probe", "4", "4abc", "47[\"x\"]", "45-[\"x\",{\"_placeholder\":true,\"num\":0}]",
            "42{\"abc\"", "42{}", "42[]", "42[1]", "42abc[\"sync:request\"]", "42[\"sync:request\"] trailing", "40[1]",
            "41{\"a\":1}", "43[1]", "44{\"message\":\"x\"}", "421234567890123456[\"sync:request\"]"})
    void malformedFramesClose(String frame) {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send(frame);
            assertThat(socket.awaitClose()).as("frame [%s]", frame).isIn(1002, 1003);
        }
    }

    @Test
    void binaryFramesNoPacketAnnouncedAreRefusedWith1003() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.sendBinary(new byte[]{4, 1, 2});
            assertThat(socket.awaitClose()).isEqualTo(1003);
        }
    }

    @Test
    void eventBeforeConnectCloses() {
        try (RawSocket socket = RawSocket.open(port)) {
            socket.next();
            socket.send("42[\"room:join\",{\"expenseId\":\"x\"}]");
            assertThat(socket.awaitClose()).isEqualTo(1002);
        }
    }

    @Test
    void framesAssembledFromPartsUpToTheCapAreServed() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            String padding = "x".repeat(60_000); // many of the container's inbound buffers (1 KB each)
            socket.send("425[\"sync:request\",{\"since\":0,\"padding\":\"" + padding + "\"}]");
            assertThat(socket.next(f -> f.startsWith("435"))).contains("\"ok\":true");
        }
    }

    @Test
    void framesOverTheCapClose() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("42[\"sync:request\",{\"since\":0,\"padding\":\"" + "x".repeat(70_000) + "\"}]");
            assertThat(socket.awaitClose()).isEqualTo(1009);
        }
    }

    @Test
    void unknownEventsGetAnErrorAck() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("427[\"expense:explode\",{}]");
            assertThat(socket.next(f -> f.startsWith("437"))).contains("\"ok\":false").contains("UNKNOWN_EVENT");
        }
    }

    @Test
    void clientDisconnectOrEngineCloseEndsTheConnection() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("41");
            assertThat(socket.awaitClose()).isEqualTo(1000);
        }
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("1");
            assertThat(socket.awaitClose()).isEqualTo(1000);
        }
    }

    @Test
    void inboundEventsAreRateLimitedAndPersistentAbuseCloses() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            // past the burst of 40 (plus 20/s) but short of the abuse limit (60 refusals in a row), so the refusals'
            // acks are answered before anything closes the socket
            for (int i = 0; i < 80; i++) {
                socket.send("42" + i + "[\"expense:explode\",{}]");
            }
            assertThat(socket.next(f -> f.contains("RATE_LIMITED"))).contains("\"ok\":false");
            // a refill between two events ends a streak of refusals: on a starved machine the gateway may handle fewer
            // than abuse-limit events per refill interval, so keep on until it closes (bounded)
            for (int i = 0; i < 20_000 && !socket.isClosed(); i++) {
                socket.send("42[\"expense:explode\",{}]");
            }
            assertThat(socket.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void aSocketOverThePerUserCapIsRefusedUntilOneCloses() {
        String user = newUser();
        try (RawSocket a = RawSocket.connect(port, auth(user)); RawSocket b = RawSocket.connect(port, auth(user));
             RawSocket c = RawSocket.connect(port, auth(user)); RawSocket d = RawSocket.open(port)) {
            d.next();
            d.send("40" + auth(user));
            assertThat(d.next()).isEqualTo("44{\"message\":\"Too many connections\"}");
            c.close();
            // a freed place is taken again
            org.awaitility.Awaitility.await().untilAsserted(() -> {
                try (RawSocket e = RawSocket.open(port)) {
                    e.next();
                    e.send("40" + auth(user));
                    assertThat(e.next()).startsWith("40{");
                }
            });
        }
    }

    @Test
    void badQueriesGetTheReferenceServersBodies() throws Exception {
        assertThat(get("/socket.io/?EIO=3&transport=websocket")).isEqualTo("400 {\"code\":5,\"message\":\"Unsupported protocol version\"}");
        assertThat(get("/socket.io/?transport=websocket")).isEqualTo("400 {\"code\":5,\"message\":\"Unsupported protocol version\"}");
        assertThat(get("/socket.io/?EIO=4")).isEqualTo("400 {\"code\":0,\"message\":\"Transport unknown\"}");
        assertThat(get("/socket.io/?EIO=4&transport=websocket")).isEqualTo("400 {\"code\":3,\"message\":\"Bad request\"}");
        assertThat(upgrade("", "&sid=abc")).startsWith("HTTP/1.1 400").contains("{\"code\":1,\"message\":\"Session ID unknown\"}");
        // both paths serve polling: clients differ on the trailing slash
        assertThat(get("/socket.io?EIO=4&transport=polling")).startsWith("200 0{\"sid\"");
        assertThat(get("/socket.io/?EIO=4&transport=polling")).startsWith("200 0{\"sid\"");
    }

    @Test
    void browsersFromOtherOriginsAreRefused() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/socket.io/?EIO=4&transport=websocket")).header("Origin", "http://evil.example").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void browsersFromTheAllowedOriginAreUpgraded() throws Exception {
        assertThat(upgrade("Origin: http://localhost:5173\r\n")).startsWith("HTTP/1.1 101");
    }

    /** java.net.http offers no extensions, so this speaks the upgrade by hand, offering deflate as browsers do. */
    @Test
    void compressionIsNeverNegotiated() throws Exception {
        assertThat(upgrade("Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"))
                .startsWith("HTTP/1.1 101").doesNotContainIgnoringCase("permessage-deflate");
    }

    private String upgrade(String extraHeaders) throws Exception {
        return upgrade(extraHeaders, "");
    }

    private String upgrade(String extraHeaders, String query) throws Exception {
        try (var raw = new java.net.Socket("localhost", port)) {
            raw.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket" + query + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n").getBytes());
            byte[] buffer = new byte[2048];
            int n = raw.getInputStream().read(buffer);
            return new String(buffer, 0, n);
        }
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

}
