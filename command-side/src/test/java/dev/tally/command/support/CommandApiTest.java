package dev.tally.command.support;

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
import java.util.UUID;

/**
 * The command side over real HTTP on a random port, on a real PostgreSQL database of its own
 * ({@code tally_command_test}, wiped at context start), with development keys in a temporary data folder.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class CommandApiTest {

    private static final Path DATA_DIR = tempDir();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_command_test")));
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("tally.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    private AccessTokens accessTokens;

    protected Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** A user with a valid token, without going through registration (identity has its own tests). */
    protected TestUser someUser() {
        String userId = UUID.randomUUID().toString();
        return new TestUser(userId, accessTokens.issue(userId, UUID.randomUUID().toString(), "Test user").token());
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
