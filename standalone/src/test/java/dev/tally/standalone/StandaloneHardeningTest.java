package dev.tally.standalone;

import dev.tally.command.identity.AccessTokens;
import dev.tally.gateway.GatewayProperties;
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

import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings 2 and 4 where command side and gateway meet, in one JVM. REST and the socket share one budget per user. The gateway forwards socket commands with the user's own
 * token, so the command API counts them against the user (not against the gateway's address), and a refusal reaches
 * the socket as a clear error ack: the API's 429 problem details with retryAfter.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.rate-limit.commands-per-user.capacity=4", "tally.rate-limit.commands-per-user.per-second=0.01",
                // load shedding (503 while the read side catches up) is another rule, tested on its own
                "tally.command.shed.lag-above=PT1M"})
class StandaloneHardeningTest {

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) throws Exception {
        var data = Files.createTempDirectory("tally-standalone-budget");
        registry.add("tally.data-dir", data::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    AccessTokens tokens;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GatewayProperties gateway;

    private String token(String userId) {
        String sessionId = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES (?, ?, CURRENT_TIMESTAMP)").params(sessionId, userId).update();
        return tokens.issue(userId, sessionId, "Ada").token();
    }

    private static final String PASSWORD = "correct horse battery staple";

    /** Registers and signs in through the API: the answer of the sign-in. */
    private Map<?, ?> signUp() {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        RestClient api = RestClient.create("http://localhost:" + port);
        api.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", PASSWORD, "displayName", "Ada")).retrieve().toBodilessEntity();
        return api.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", email, "password", PASSWORD)).retrieve().body(Map.class);
    }

    /** CONNECTs with {@code token}: null when connected, else the connect_error message. The socket is closed after. */
    private String connectError(String token) throws Exception {
        Socket socket = IO.socket(URI.create("http://localhost:" + port), IO.Options.builder()
                .setTransports(new String[]{"websocket"}).setReconnection(false).setAuth(Map.of("token", token)).build());
        CompletableFuture<String> answer = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> answer.complete(null));
        socket.once(Socket.EVENT_CONNECT_ERROR, args -> answer.complete(args[0] instanceof JSONObject error
                ? error.optString("message") : String.valueOf(args[0])));
        socket.connect();
        try {
            return answer.get(20, TimeUnit.SECONDS);
        } finally {
            socket.close();
        }
    }

    @Test
    void afterSignOutOrRefreshTokenReuseTheAccessTokenConnectsNowhereAndReadsNothing() throws Exception {
        Map<?, ?> signedIn = signUp();
        String access = (String) signedIn.get("accessToken");
        assertThat(connectError(access)).isNull();
        RestClient api = RestClient.create("http://localhost:" + port);
        api.post().uri("/api/v1/auth/logout").header("Authorization", "Bearer " + access).retrieve().toBodilessEntity();

        assertThat(connectError(access)).isEqualTo("Authentication error");
        int read = api.get().uri("/api/v1/accounts").header("Authorization", "Bearer " + access)
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(read).isEqualTo(401);

        // a refresh token used twice ends its session: the newest access token is refused at once too
        Map<?, ?> other = signUp();
        String refresh = (String) other.get("refreshToken");
        Map<?, ?> refreshed = api.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("refreshToken", refresh)).retrieve().body(Map.class);
        String newest = (String) refreshed.get("accessToken");
        assertThat(connectError(newest)).isNull();
        int reused = api.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON).body(Map.of("refreshToken", refresh))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(reused).isEqualTo(401);
        assertThat(connectError(newest)).isEqualTo("Authentication error");
    }

    private int post(String token, String path, Map<String, ?> body) {
        return RestClient.create("http://localhost:" + port).post().uri(path).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange((request, response) -> response.getStatusCode().value());
    }

    @Test
    void socketCommandsAndRestCommandsDrawOnOneBudgetPerUser() throws Exception {
        gateway.setCommandApiUrl("http://127.0.0.1:" + port); // the random port is known only now
        String ada = token("ada-" + UUID.randomUUID());
        String account = (String) RestClient.create("http://localhost:" + port).post().uri("/api/v1/accounts")
                .header("Authorization", "Bearer " + ada).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Cash", "type", "CASH", "currency", "EUR")).retrieve().body(Map.class).get("id");

        Socket socket = IO.socket(URI.create("http://localhost:" + port), IO.Options.builder()
                .setTransports(new String[]{"websocket"}).setReconnection(false).setAuth(Map.of("token", ada)).build());
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.connect();
        try {
            connected.get(20, TimeUnit.SECONDS);
            JSONObject last = null;
            for (int i = 0; i < 4; i++) {
                CompletableFuture<JSONObject> ack = new CompletableFuture<>();
                socket.emit("expense:create", new JSONObject(Map.of("accountId", account, "amount", "1.00", "clientRequestId", "c-" + i)),
                        (Ack) args -> ack.complete((JSONObject) args[0]));
                last = ack.get(20, TimeUnit.SECONDS);
                if (!last.getBoolean("ok")) {
                    break;
                }
            }
            // the account opening above and three socket commands used the budget of four: the fourth is refused
            assertThat(last.getBoolean("ok")).as(last.toString()).isFalse();
            JSONObject error = last.getJSONObject("error");
            assertThat(error.getInt("status")).isEqualTo(429);
            assertThat(error.getString("code")).isEqualTo("rate_limited");
            assertThat(error.getLong("retryAfter")).isPositive();
            // and REST is refused too: one budget
            assertThat(post(ada, "/api/v1/accounts", Map.of("name", "Card", "type", "CARD", "currency", "EUR"))).isEqualTo(429);
            // another user, on the same address and the same gateway, is not
            assertThat(post(token("bob-" + UUID.randomUUID()), "/api/v1/accounts", Map.of("name", "Cash", "type", "CASH", "currency", "EUR")))
                    .isEqualTo(201);
        } finally {
            socket.close();
        }
    }
}
