package dev.tally.command.support;

import dev.tally.platform.test.RedisTestServer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.money.Money;
import dev.tally.command.CommandSideApplication;
import dev.tally.command.identity.AccessTokens;
import dev.tally.platform.test.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side over real HTTP on a random port, on a real PostgreSQL database of its own
 * ({@code tally_command_test}, {@code _1}, {@code _2} … for each further context; wiped at context start), with development keys in a temporary data folder.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class CommandApiTest {

    private static final Path DATA_DIR = tempDir();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    /**
     * Called once for each application context the tests build. Each gets a database of its own: a second context
     * (other properties) wiping a shared one would break the first, still cached, whose processors then back off.
     */
    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        int context = CONTEXTS.getAndIncrement();
        String database = System.getProperty("tally.test.db", "tally_command_test") + (context == 0 ? "" : "_" + context);
        registry.add("spring.datasource.url", () -> PostgresTestDatabase.url(database));
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.data.redis.host", RedisTestServer::host);
        registry.add("spring.data.redis.port", RedisTestServer::port);
        registry.add("tally.data-dir", DATA_DIR::toString);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", Mailbox::port);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private AccessTokens accessTokens;
    @Autowired
    private org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    protected Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** A user with a valid token of a live session, without going through registration (identity has its own tests). */
    protected TestUser someUser() {
        String userId = UUID.randomUUID().toString();
        String sessionId = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES (?, ?, now())").params(sessionId, userId).update();
        return new TestUser(userId, accessTokens.issue(userId, sessionId, "Test user").token());
    }

    /** A user registered and signed in through the real identity API (register, then log in). */
    protected TestUser registerAndLogIn() {
        return RealUsers.registerAndLogIn(api).testUser();
    }

    /** A category of {@code kind} (EXPENSE or INCOME) created through the API; its id. */
    protected String category(TestUser user, String name, String kind) {
        Api.Response response = api.post("/api/v1/categories").as(user).body(Map.of("name", name, "kind", kind)).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    /** Types of the events stored for one aggregate, in order: what the tests check was (or was not) appended. */
    protected List<String> eventTypes(String aggregateId) {
        return jdbc.sql("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(aggregateId)
                .query(String.class)
                .list()
                .stream().map(type -> type.substring(type.lastIndexOf('.') + 1))
                .toList();
    }

    /**
     * An account's balance in minor units as its own history says: the balance its newest posting left, or its opening
     * balance. The account aggregate is where balances live.
     */
    protected long balance(String accountId) {
        String payload = jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type IN ('dev.tally.api.account.AccountOpened', 'dev.tally.api.account.AccountBalanceChanged') "
                        + "ORDER BY sequence_number DESC LIMIT 1")
                .param(accountId).query(String.class).single();
        try {
            JsonNode event = JSON.readTree(payload);
            JsonNode money = event.has("balance") ? event.get("balance") : event.get("openingBalance");
            return Money.parse(money.get("amount").asText(), money.get("currency").asText()).minorUnits();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stored event's payload as JSON, read back through the event store: personal fields decrypted (the stored bytes
     * hold them encrypted, see identity.ErasureApiTest).
     */
    protected String eventJson(String aggregateId, long sequence) {
        Object payload = eventStore.readEvents(aggregateId).asStream().filter(m -> m.getSequenceNumber() == sequence)
                .findFirst().orElseThrow(() -> new AssertionError("no event " + sequence + " of " + aggregateId)).getPayload();
        try {
            return dev.tally.platform.eventstore.EventSerialization.objectMapper().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    protected long eventCount() {
        return jdbc.sql("SELECT COUNT(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("tally-command-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
