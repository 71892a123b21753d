package dev.tally.query.support;

import dev.tally.platform.test.RedisTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.platform.test.PostgresTestDatabase;
import dev.tally.query.projection.ProjectionGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** One application context for all tests: the real PostgreSQL database, event store, processors and security. */
@SpringBootTest(properties = {
        "tally.schema.clean-on-start=true",
        "tally.eventstore.fetch-delay=50ms",
        "tally.query.projections.segments=3",
        "tally.query.projections.threads=3",
        "tally.query.projections.admin-token=test-admin-token",
        "tally.query.audit.snapshot-every=10",
        "tally.query.feed.redis-enabled=true",
        "tally.query.feed.redis-channel=tally-q-test:feed",
})
@AutoConfigureMockMvc
@Import(QueryTestBase.Listeners.class)
public abstract class QueryTestBase {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_query_test")));
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.data.redis.host", RedisTestServer::host);
        registry.add("spring.data.redis.port", RedisTestServer::port);
        registry.add("tally.jwt.public-key-location", TestKeys::publicKeyLocation);
    }

    @TestConfiguration
    public static class Listeners {
        @Bean
        RecordingFeedListener recordingFeedListener() {
            return new RecordingFeedListener();
        }

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    /** The in-process listener a co-located gateway would be. */
    public static class RecordingFeedListener implements FeedListener {
        public final List<FeedEntry> received = new CopyOnWriteArrayList<>();

        @Override
        public void committed(List<FeedEntry> entries) {
            received.addAll(entries);
        }
    }

    protected static final int SEGMENTS = 3;

    @Autowired
    protected MockMvc mvc;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ObjectMapper json;
    @Autowired
    protected EventStore eventStore;
    @Autowired
    protected EventProcessingConfiguration processing;
    @Autowired
    protected RecordingFeedListener feedListener;
    @Autowired
    protected PlatformTransactionManager transactionManager;

    private static EventLog eventLog;

    /** One log for the whole run, so sequence numbers of an aggregate continue across helpers. */
    protected synchronized EventLog events() {
        if (eventLog == null) {
            eventLog = new EventLog(eventStore);
        }
        return eventLog;
    }

    protected static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    protected TrackingEventProcessor processor() {
        return processing.eventProcessorByProcessingGroup(ProjectionGroups.READ_MODELS, TrackingEventProcessor.class).orElseThrow();
    }

    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\"\\s*:\\s*(\\d+)");

    /** Waits until every segment's committed token (the one stored with the read-model changes) passed the newest stored event. */
    protected void awaitProjected() {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(global_index), -1) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
            List<Long> positions = jdbc.query("SELECT token FROM token_entry WHERE processor_name = ?", (rs, n) -> {
                byte[] token = rs.getBytes(1);
                Matcher m = token == null ? null : TOKEN_INDEX.matcher(new String(token, StandardCharsets.UTF_8));
                return m != null && m.find() ? Long.parseLong(m.group(1)) : -1L;
            }, ProjectionGroups.READ_MODELS);
            return positions.size() == SEGMENTS && positions.stream().allMatch(p -> p >= head);
        });
    }

    protected MockHttpServletRequestBuilder as(String userId, MockHttpServletRequestBuilder request) {
        return request.header("Authorization", "Bearer " + TestKeys.token(userId));
    }

    protected JsonNode getJson(String userId, String path, Object... vars) throws Exception {
        MvcResult result = mvc.perform(as(userId, get(path, vars))).andReturn();
        if (result.getResponse().getStatus() != 200) {
            throw new AssertionError("GET " + path + " answered " + result.getResponse().getStatus() + ": "
                    + result.getResponse().getContentAsString());
        }
        return json.readTree(result.getResponse().getContentAsString());
    }

    protected List<String> feedEvents(String userId) {
        return jdbc.queryForList("SELECT event FROM user_feed WHERE user_id = ? ORDER BY seq", String.class, userId);
    }

    protected List<Long> feedSeqs(String userId) {
        return jdbc.queryForList("SELECT seq FROM user_feed WHERE user_id = ? ORDER BY seq", Long.class, userId);
    }

    /** Every entry of the user's feed carries the state key its feed event's declaration gives its payload. */
    protected void assertStateKeysAsDeclared(String userId) throws Exception {
        List<java.util.Map<String, Object>> rows = jdbc.queryForList("SELECT event, state_key, payload FROM user_feed WHERE user_id = ? ORDER BY seq", userId);
        org.assertj.core.api.Assertions.assertThat(rows).isNotEmpty();
        for (var row : rows) {
            JsonNode payload = json.readTree((String) row.get("payload"));
            String declared = switch ((String) row.get("event")) {
                case "dashboard:updated" -> payload.get("month").asText();
                case "budget:updated" -> payload.get("budgetId").asText() + "|" + payload.get("period").asText();
                case "balance:updated" -> payload.get("accountId").asText();
                case "notification:read" -> "inbox";
                default -> payload.get("id").asText();
            };
            org.assertj.core.api.Assertions.assertThat(row.get("state_key")).as("%s", row).isEqualTo(declared);
        }
    }
}
