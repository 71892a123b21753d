package dev.tally.gateway.support;

import dev.tally.platform.test.RedisTestServer;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.GatewayApplication;
import dev.tally.platform.test.PostgresTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.UUID;

/**
 * One gateway on a random port against the real PostgreSQL test database; every test class extends this so they share
 * one cached context. Users are fresh random ids per test, so tests never see each other's feeds.
 */
@AutoConfigureObservability(tracing = false) // Boot turns metrics export off in tests; /actuator/prometheus is under test
@SpringBootTest(classes = {GatewayApplication.class, GatewayIntegrationTest.TestBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    protected static final CommandApiStub COMMAND_API = new CommandApiStub();
    /** The query API, as far as the gateway asks it: who may join a room. */
    protected static final CommandApiStub QUERY_API = new CommandApiStub();
    public static final RoomMembers ROOM_MEMBERS = new RoomMembers();

    static {
        QUERY_API.answer(ROOM_MEMBERS::answer);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        testProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /** The properties every test gateway runs with (also used to start extra instances). */
    public static java.util.Map<String, String> testProperties() {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        DynamicPropertyRegistry registry = (name, value) -> properties.put(name, String.valueOf(value.get()));
        registry.add("spring.datasource.url", () -> PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_gateway_test")));
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.data.redis.host", RedisTestServer::host);
        registry.add("spring.data.redis.port", RedisTestServer::port);
        registry.add("tally.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("tally.gateway.command-api-url", COMMAND_API::url);
        registry.add("tally.gateway.query-api-url", QUERY_API::url);
        registry.add("tally.gateway.ping-interval", () -> "1s");
        registry.add("tally.gateway.ping-timeout", () -> "1s");
        registry.add("tally.gateway.connect-timeout", () -> "1500ms");
        registry.add("tally.gateway.sweep-interval", () -> "100ms");
        registry.add("tally.gateway.max-sockets-per-user", () -> "3");
        registry.add("tally.gateway.abuse-limit", () -> "60");
        registry.add("tally.gateway.replay-page-size", () -> "7");
        registry.add("tally.gateway.replay-max-entries", () -> "50");
        registry.add("tally.gateway.catch-up-interval", () -> "1s");
        registry.add("tally.gateway.health-check-interval", () -> "200ms");
        return properties;
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class TestBeans {
        /** Lets a test take the service down (as a lagging projection's health would). */
        @Bean
        TestHealth testHealth() {
            return new TestHealth();
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected FeedListener feedListener;

    protected TestFeed feed() {
        return new TestFeed(jdbc, feedListener);
    }

    protected static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 12);
    }

    protected static String auth(String userId) {
        return "{\"token\":\"" + TestTokens.token(userId) + "\"}";
    }

    protected static String auth(String userId, String epoch, long lastSeq) {
        return "{\"token\":\"" + TestTokens.token(userId) + "\",\"epoch\":\"" + epoch + "\",\"lastSeq\":" + lastSeq + "}";
    }
}
