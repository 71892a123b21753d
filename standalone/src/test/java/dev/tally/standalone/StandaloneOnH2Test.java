package dev.tally.standalone;

import dev.tally.command.identity.AccessTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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
}
