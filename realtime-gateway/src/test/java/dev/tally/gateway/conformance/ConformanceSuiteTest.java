package dev.tally.gateway.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every case of the public protocol suites (socketio/engine.io-protocol and socketio/socket.io-protocol,
 * {@code test-suite/test-suite.js}), written anew against the conformance server, the protocol layer alone set up as
 * their reference server. The Engine.IO cases run at both {@code /engine.io/} and {@code /socket.io/}, as the two suites
 * do; the message cases of the Engine.IO suite need its echo server, the Socket.IO cases the Socket.IO one.
 */
class ConformanceSuiteTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static ConfigurableApplicationContext server;
    private static String http;
    private static String ws;

    @BeforeAll
    static void start() {
        server = ConformanceServer.start(0);
        String port = server.getEnvironment().getProperty("local.server.port");
        http = "http://localhost:" + port;
        ws = "ws://localhost:" + port;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // --- helpers, as the suites' own ---

    private static HttpResponse<String> request(String method, String url, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<HttpResponse<String>> requestAsync(String method, String url, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String pollingUrl(String path) {
        return http + path + "?EIO=4&transport=polling";
    }

    private static String initLongPollingSession(String path) throws Exception {
        return JSON.readTree(request("GET", pollingUrl(path), null).body().substring(1)).get("sid").asText();
    }

    private static void assertHandshake(String open, String upgrades) throws Exception {
        assertThat(open).startsWith("0");
        JsonNode value = JSON.readTree(open.substring(1));
        assertThat(value.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload");
        assertThat(value.get("sid").isTextual()).isTrue();
        assertThat(value.get("upgrades").toString()).isEqualTo(upgrades);
        assertThat(value.get("pingInterval").asInt()).isEqualTo(300);
        assertThat(value.get("pingTimeout").asInt()).isEqualTo(200);
        assertThat(value.get("maxPayload").asInt()).isEqualTo(1_000_000);
    }

    private static void assertRefusedUpgrade(String url) {
        assertThatThrownBy(() -> SuiteSocket.open(url)).isInstanceOf(CompletionException.class);
    }

    // --- Engine.IO protocol, in both suites ---

    @Nested
    class Handshake {
        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingOpensASession(String path) throws Exception {
            HttpResponse<String> response = request("GET", pollingUrl(path), null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertHandshake(response.body(), "[\"websocket\"]");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingFailsWithAnInvalidEio(String path) {
            assertThat(request("GET", http + path + "?transport=polling", null).statusCode()).isEqualTo(400);
            assertThat(request("GET", http + path + "?EIO=abc&transport=polling", null).statusCode()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingFailsWithAnInvalidTransport(String path) {
            assertThat(request("GET", http + path + "?EIO=4", null).statusCode()).isEqualTo(400);
            assertThat(request("GET", http + path + "?EIO=4&transport=abc", null).statusCode()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingFailsWithAnInvalidRequestMethod(String path) {
            assertThat(request("POST", pollingUrl(path), null).statusCode()).isEqualTo(400);
            assertThat(request("PUT", pollingUrl(path), null).statusCode()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void webSocketOpensASession(String path) throws Exception {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                assertHandshake((String) socket.next(), "[]");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void webSocketFailsWithAnInvalidEio(String path) {
            assertRefusedUpgrade(ws + path + "?transport=websocket");
            assertRefusedUpgrade(ws + path + "?EIO=abc&transport=websocket");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void webSocketFailsWithAnInvalidTransport(String path) {
            assertRefusedUpgrade(ws + path + "?EIO=4");
            assertRefusedUpgrade(ws + path + "?EIO=4&transport=abc");
        }
    }

    @Nested
    class Heartbeat {
        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingSendsPingAndTakesPong(String path) throws Exception {
            String url = pollingUrl(path) + "&sid=" + initLongPollingSession(path);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> poll = request("GET", url, null);
                assertThat(poll.statusCode()).isEqualTo(200);
                assertThat(poll.body()).isEqualTo("2");
                assertThat(request("POST", url, "3").statusCode()).isEqualTo(200);
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingClosesTheSessionUponPingTimeout(String path) throws Exception {
            String url = pollingUrl(path) + "&sid=" + initLongPollingSession(path);
            Thread.sleep(300 + 200);
            assertThat(request("GET", url, null).statusCode()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void webSocketSendsPingAndTakesPong(String path) {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                socket.next(); // handshake
                for (int i = 0; i < 3; i++) {
                    assertThat(socket.next()).isEqualTo("2");
                    socket.send("3");
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void webSocketClosesUponPingTimeout(String path) {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                socket.awaitClose();
            }
        }
    }

    @Nested
    class Close {
        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void pollingForcefullyClosesTheSession(String path) throws Exception {
            String url = pollingUrl(path) + "&sid=" + initLongPollingSession(path);
            CompletableFuture<HttpResponse<String>> poll = requestAsync("GET", url, null);
            Thread.sleep(50); // the suite starts both at once; the GET is first on the wire
            request("POST", url, "1");
            assertThat(poll.join().statusCode()).isEqualTo(200);
            assertThat(poll.join().body()).isEqualTo("6");
            assertThat(request("GET", url, null).statusCode()).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void webSocketForcefullyClosesTheSession(String path) {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                socket.next();
                socket.send("1");
                socket.awaitClose();
            }
        }
    }

    @Nested
    class Upgrade {
        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void upgradesFromPollingToWebSocket(String path) throws Exception {
            String sid = initLongPollingSession(path);
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket&sid=" + sid)) {
                socket.send("2probe");
                assertThat(socket.next()).isEqualTo("3probe");
                HttpResponse<String> poll = request("GET", pollingUrl(path) + "&sid=" + sid, null);
                assertThat(poll.statusCode()).isEqualTo(200);
                assertThat(poll.body()).isEqualTo("6"); // noop: cleanly ends the long-polling request
                socket.send("5");
                if (path.equals("/engine.io/")) {
                    socket.send("4hello");
                    assertThat(socket.nextPacket()).isEqualTo("4hello");
                }
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void ignoresHttpRequestsWithTheSameSidAfterUpgrade(String path) throws Exception {
            String sid = initLongPollingSession(path);
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket&sid=" + sid)) {
                socket.send("2probe");
                socket.send("5");
                assertThat(socket.next()).isEqualTo("3probe");
                upgraded(socket, path); // the suite races its GET against the "5"; here the upgrade is known done
                assertThat(request("GET", pollingUrl(path) + "&sid=" + sid, null).statusCode()).isEqualTo(400);
                upgraded(socket, path); // and the WebSocket still carries the session
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"/engine.io/", "/socket.io/"})
        void ignoresAWebSocketWithTheSameSidAfterUpgrade(String path) throws Exception {
            String sid = initLongPollingSession(path);
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket&sid=" + sid)) {
                socket.send("2probe");
                socket.send("5");
                assertThat(socket.next()).isEqualTo("3probe");
                try (SuiteSocket second = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket&sid=" + sid)) {
                    second.awaitClose();
                }
                if (path.equals("/engine.io/")) {
                    socket.send("4hello");
                    assertThat(socket.nextPacket()).isEqualTo("4hello");
                }
            }
        }
    }

    /** A round trip over the upgraded WebSocket: the echo of {@code 4hello}, or the answer to a CONNECT. */
    private static void upgraded(SuiteSocket socket, String path) {
        if (path.equals("/engine.io/")) {
            socket.send("4hello");
            assertThat(socket.nextPacket()).isEqualTo("4hello");
        } else {
            socket.send("40");
            assertThat((String) socket.nextPacket()).startsWith("40{");
            assertThat(socket.nextPacket()).isEqualTo("42[\"auth\",{}]");
        }
    }

    // --- Engine.IO suite only: messages through its echo server ---

    @Nested
    class EngineMessages {
        private final String path = "/engine.io/";

        private void roundTrip(String payload) throws Exception {
            String url = pollingUrl(path) + "&sid=" + initLongPollingSession(path);
            HttpResponse<String> push = request("POST", url, payload);
            assertThat(push.statusCode()).isEqualTo(200);
            assertThat(push.body()).isEqualTo("ok");
            HttpResponse<String> poll = request("GET", url, null);
            assertThat(poll.statusCode()).isEqualTo(200);
            assertThat(poll.body()).isEqualTo(payload);
        }

        @Test
        void pollingOnePlainTextPacket() throws Exception {
            roundTrip("4hello");
        }

        @Test
        void pollingSeveralPlainTextPackets() throws Exception {
            roundTrip("4test1\u001e4test2\u001e4test3");
        }

        @Test
        void pollingPlainTextAndBinaryPackets() throws Exception {
            roundTrip("4hello\u001ebAQIDBA==");
        }

        @Test
        void pollingClosesTheSessionUponAnInvalidPacket() throws Exception {
            String url = pollingUrl(path) + "&sid=" + initLongPollingSession(path);
            assertThat(request("POST", url, "abc").statusCode()).isEqualTo(400);
            assertThat(request("GET", url, null).statusCode()).isEqualTo(400);
        }

        @Test
        void pollingClosesTheSessionUponDuplicatePolls() throws Exception {
            String url = pollingUrl(path) + "&sid=" + initLongPollingSession(path);
            CompletableFuture<HttpResponse<String>> first = requestAsync("GET", url, null);
            Thread.sleep(50);
            HttpResponse<String> second = request("GET", url + "&t=burst", null);
            assertThat(first.join().statusCode()).isEqualTo(200);
            assertThat(first.join().body()).isEqualTo("1");
            assertThat(second.statusCode()).isIn(400, 500);
            assertThat(request("GET", url, null).statusCode()).isEqualTo(400);
        }

        @Test
        void webSocketPlainTextPacket() {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                socket.next();
                socket.send("4hello");
                assertThat(socket.next()).isEqualTo("4hello");
            }
        }

        @Test
        void webSocketBinaryPacket() {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                socket.next();
                socket.send(new byte[]{1, 2, 3, 4});
                assertThat(socket.next()).isEqualTo(new byte[]{1, 2, 3, 4});
            }
        }

        @Test
        void webSocketClosesUponAnInvalidPacket() {
            try (SuiteSocket socket = SuiteSocket.open(ws + path + "?EIO=4&transport=websocket")) {
                socket.next();
                socket.send("abc");
                socket.awaitClose();
            }
        }
    }

    // --- Socket.IO suite ---

    private static SuiteSocket socketIo() {
        return SuiteSocket.open(ws + "/socket.io/?EIO=4&transport=websocket");
    }

    /** Engine.IO handshake, CONNECT to "/", its answer and the auth event. */
    private static SuiteSocket initSocketIoConnection() {
        SuiteSocket socket = socketIo();
        socket.next();
        socket.send("40");
        socket.next();
        socket.next();
        return socket;
    }

    @Nested
    class SocketIoConnect {
        private void connects(String connect, String prefix, String auth) throws Exception {
            try (SuiteSocket socket = socketIo()) {
                socket.next();
                socket.send(connect);
                String data = (String) socket.next();
                assertThat(data).startsWith(prefix);
                JsonNode handshake = JSON.readTree(data.substring(prefix.length()));
                assertThat(handshake.fieldNames()).toIterable().containsExactly("sid");
                assertThat(handshake.get("sid").isTextual()).isTrue();
                assertThat(socket.next()).isEqualTo(auth);
            }
        }

        @Test
        void toTheMainNamespace() throws Exception {
            connects("40", "40", "42[\"auth\",{}]");
        }

        @Test
        void toTheMainNamespaceWithAPayload() throws Exception {
            connects("40{\"token\":\"123\"}", "40", "42[\"auth\",{\"token\":\"123\"}]");
        }

        @Test
        void toACustomNamespace() throws Exception {
            connects("40/custom,", "40/custom,", "42/custom,[\"auth\",{}]");
        }

        @Test
        void toACustomNamespaceWithAPayload() throws Exception {
            connects("40/custom,{\"token\":\"abc\"}", "40/custom,", "42/custom,[\"auth\",{\"token\":\"abc\"}]");
        }

        @Test
        void notToAnUnknownNamespace() {
            try (SuiteSocket socket = socketIo()) {
                socket.next();
                socket.send("40/random");
                assertThat(socket.next()).isEqualTo("44/random,{\"message\":\"Invalid namespace\"}");
            }
        }

        @Test
        void notWithAnInvalidHandshake() {
            try (SuiteSocket socket = socketIo()) {
                socket.next();
                socket.send("4abc");
                socket.awaitClose();
            }
        }

        @Test
        void closesWithoutAHandshake() {
            try (SuiteSocket socket = socketIo()) {
                socket.awaitClose();
            }
        }
    }

    @Nested
    class SocketIoDisconnect {
        @Test
        void fromTheMainNamespace() {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.send("41");
                assertThat(socket.next()).isEqualTo("2");
            }
        }

        @Test
        void connectThenDisconnectFromACustomNamespace() {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.next(); // ping
                socket.send("40/custom");
                socket.next();
                socket.next();
                socket.send("41/custom");
                socket.send("42[\"message\",\"message to main namespace\"]");
                assertThat(socket.next()).isEqualTo("42[\"message-back\",\"message to main namespace\"]");
            }
        }
    }

    @Nested
    class SocketIoMessage {
        @Test
        void plainText() {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
                assertThat(socket.next()).isEqualTo("42[\"message-back\",1,\"2\",{\"3\":[true]}]");
            }
        }

        @Test
        void binaryAttachments() {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.send("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                socket.send(new byte[]{1, 2, 3});
                socket.send(new byte[]{4, 5, 6});
                assertThat(socket.nextPacket())
                        .isEqualTo("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                assertThat(socket.nextPacket()).isEqualTo(new byte[]{1, 2, 3});
                assertThat(socket.nextPacket()).isEqualTo(new byte[]{4, 5, 6});
            }
        }

        @Test
        void plainTextWithAnAck() {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
                assertThat(socket.next()).isEqualTo("43456[1,\"2\",{\"3\":[false]}]");
            }
        }

        @Test
        void binaryAttachmentsWithAnAck() {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.send("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                socket.send(new byte[]{1, 2, 3});
                socket.send(new byte[]{4, 5, 6});
                assertThat(socket.nextPacket()).isEqualTo("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
                assertThat(socket.nextPacket()).isEqualTo(new byte[]{1, 2, 3});
                assertThat(socket.nextPacket()).isEqualTo(new byte[]{4, 5, 6});
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"4abc", "42{}", "42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"})
        void closesUponAnInvalidFormat(String packet) {
            try (SuiteSocket socket = initSocketIoConnection()) {
                socket.send(packet);
                socket.awaitClose();
            }
        }
    }
}
