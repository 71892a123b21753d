package dev.tally.standalone;

import dev.tally.command.identity.AccessTokens;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The default standalone set-up: one JVM on the embedded H2 database in a fresh data folder. */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StandaloneOnH2Test {

    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("tally-standalone-test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        registry.add("tally.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    AccessTokens tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void storesCommandsAsEventsInTheEmbeddedDatabase() {
        jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES ('session-1', 'user-1', CURRENT_TIMESTAMP)").update();
        String token = tokens.issue("user-1", "session-1", "Ada").token();
        var response = RestClient.create("http://localhost:" + port).post().uri("/api/v1/accounts")
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Wallet", "type", "CASH", "currency", "EUR", "openingBalance", "10.00"))
                .retrieve().toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(response.getBody().get("id")).query(String.class).single()).endsWith("AccountOpened");
        assertThat(jdbc.sql("SELECT currency FROM account_ledger WHERE account_id = ? AND NOT closed")
                .param(response.getBody().get("id")).query(String.class).single()).isEqualTo("EUR");
        assertThat(DATA.resolve("tally.mv.db")).exists();
        assertThat(DATA.resolve("keys/jwt-private.pem")).exists();
    }

    /** RANDOM_PORT starts it with server.port=0: a socket's command must still reach the command API on the bound port. */
    @Test
    void aSocketCommandReachesTheCommandApiOnThePortActuallyBound() throws Exception {
        jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES ('session-2', 'user-2', CURRENT_TIMESTAMP)").update();
        String token = tokens.issue("user-2", "session-2", "Bo").token();
        String account = (String) RestClient.create("http://localhost:" + port).post().uri("/api/v1/accounts")
                .header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Cash", "type", "CASH", "currency", "EUR", "openingBalance", "0.00"))
                .retrieve().body(Map.class).get("id");

        Socket socket = IO.socket(URI.create("http://localhost:" + port), IO.Options.builder()
                .setTransports(new String[]{"websocket"}).setReconnection(false).setAuth(Map.of("token", token)).build());
        try {
            BlockingQueue<JSONObject> acks = new LinkedBlockingQueue<>();
            JSONObject tea = new JSONObject().put("accountId", account).put("amount", "2.40").put("description", "Tea");
            socket.on(Socket.EVENT_CONNECT, none -> socket.emit("expense:create", new Object[]{tea},
                    (Ack) answer -> acks.add((JSONObject) answer[0])));
            socket.connect();
            JSONObject ack = acks.poll(30, TimeUnit.SECONDS);
            assertThat(ack).as("the ack").isNotNull();
            assertThat(ack.optBoolean("ok")).as(ack.toString()).isTrue();
            assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?")
                    .param(ack.getString("id")).query(Long.class).single()).isEqualTo(1);
        } finally {
            socket.close();
        }
    }

    /**
     * An answer that fits the container's buffer leaves whole, with its length (not as chunks); a longer one, an export
     * streamed in the background, still arrives complete.
     */
    @Test
    void anAnswerLeavesWholeWithItsLengthAndAnExportStillStreamsToItsEnd() throws Exception {
        jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES ('session-3', 'user-3', CURRENT_TIMESTAMP)").update();
        String token = tokens.issue("user-3", "session-3", "Cy").token();
        String opening = "{\"name\":\"Purse\",\"type\":\"CASH\",\"currency\":\"EUR\",\"openingBalance\":\"500.00\"}";
        String[] opened = http("POST /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/json\r\nContent-Length: " + opening.length() + "\r\nConnection: close\r\n\r\n" + opening);
        assertThat(opened[0]).startsWith("HTTP/1.1 201").containsIgnoringCase("\r\nContent-Length: " + opened[1].getBytes(StandardCharsets.UTF_8).length)
                .doesNotContainIgnoringCase("Transfer-Encoding");
        String account = new org.json.JSONObject(opened[1]).getString("id");

        RestClient api = RestClient.create("http://localhost:" + port);
        int expenses = 120;
        for (int i = 0; i < expenses; i++) {
            api.post().uri("/api/v1/transactions").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("type", "EXPENSE", "accountId", account, "amount", "1.00", "description", "Coffee number " + i + " at the corner"))
                    .retrieve().toBodilessEntity();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String[] export;
        do {
            export = http("GET /api/v1/export/transactions?format=csv HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nConnection: close\r\n\r\n");
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the export never held all " + expenses + " expenses: " + export[1].lines().count() + " lines");
            }
        } while (export[1].lines().filter(line -> line.contains("Coffee number")).count() < expenses);
        assertThat(export[0]).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
        assertThat(export[1].getBytes(StandardCharsets.UTF_8).length).isGreaterThan(8192);
        assertThat(export[1].lines().filter(line -> line.contains("Coffee number")).count()).isEqualTo(expenses);
    }

    /** One request on a fresh connection: the answer's head as sent and its body, de-chunked when chunked. */
    private String[] http(String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            byte[] raw = answer.toByteArray();
            int at = 0;
            while (indexOf(raw, at) != at) { // the head ends with an empty line
                at = indexOf(raw, at) + 2;
            }
            String head = new String(raw, 0, at, StandardCharsets.US_ASCII);
            at += 2;
            if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
                return new String[]{head, new String(raw, at, raw.length - at, StandardCharsets.UTF_8)};
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; ; at += size + 2) {
                int eol = indexOf(raw, at);
                size = Integer.parseInt(new String(raw, at, eol - at, StandardCharsets.US_ASCII).trim(), 16);
                if (size == 0) {
                    return new String[]{head, body.toString(StandardCharsets.UTF_8)};
                }
                body.write(raw, eol + 2, size);
                at = eol + 2;
            }
        }
    }

    private static int indexOf(byte[] raw, int from) {
        for (int i = from; i < raw.length - 1; i++) {
            if (raw[i] == '\r' && raw[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalStateException("no line end after " + from);
    }
}
