package dev.tally.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.TestFeed;
import dev.tally.gateway.support.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway instances (two application contexts in one JVM) sharing one Redis and one database, as in the split
 * deployment: the query side publishes feed signals on Redis; kicks, presence, room activity and the socket cap span both.
 */
class TwoInstancesTest {

    private static final String PREFIX = "tally-gw-test-" + UUID.randomUUID().toString().substring(0, 8);
    private static ConfigurableApplicationContext a;
    private static ConfigurableApplicationContext b;

    @BeforeAll
    static void start() {
        a = instance();
        b = instance();
    }

    @AfterAll
    static void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
    }

    private static ConfigurableApplicationContext instance() {
        Map<String, String> properties = GatewayIntegrationTest.testProperties();
        properties.put("server.port", "0");
        properties.put("tally.gateway.redis.enabled", "true");
        properties.put("tally.gateway.redis.prefix", PREFIX);
        properties.put("management.health.redis.enabled", "true");
        properties.put("tally.gateway.redis.socket-ttl", "3s"); // each instance refreshes its entries every second
        return new SpringApplicationBuilder(GatewayApplication.class, GatewayIntegrationTest.TestBeans.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static String auth(String user) {
        return "{\"token\":\"" + TestTokens.token(user) + "\"}";
    }

    /** As the query side in another process: append in the database, then publish the entries on Redis. */
    private static FeedEntry publish(String user, String event, String payload) throws Exception {
        return publish(user, event, null, payload);
    }

    private static FeedEntry publish(String user, String event, String stateKey, String payload) throws Exception {
        TestFeed feed = new TestFeed(a.getBean(JdbcTemplate.class), entries -> { });
        FeedEntry entry = feed.appendSilently(user, event, stateKey, payload);
        String message = a.getBean(ObjectMapper.class).writeValueAsString(List.of(entry));
        a.getBean(StringRedisTemplate.class).convertAndSend(PREFIX + ":feed", message);
        return entry;
    }

    @Test
    void aUserWithASocketOnEachInstanceSeesEveryUpdateOnBoth() throws Exception {
        String user = newUser();
        String other = newUser();
        try (RawSocket onA = RawSocket.connect(port(a), auth(user)); RawSocket onB = RawSocket.connect(port(b), auth(user));
             RawSocket otherOnB = RawSocket.connect(port(b), auth(other))) {
            onA.nextEvent("sync:state");
            onB.nextEvent("sync:state");
            for (int i = 1; i <= 3; i++) {
                publish(user, "expense:created", "{\"id\":\"x" + i + "\"}");
            }
            for (RawSocket socket : List.of(onA, onB)) {
                List<Long> seqs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    seqs.add(Frames.seq(socket.nextEvent("expense:created")));
                }
                assertThat(seqs).containsExactly(1L, 2L, 3L);
            }
            publish(other, "expense:created", "{\"id\":\"others\"}");
            otherOnB.nextEvent("expense:created");
            assertThat(onB.drain()).noneMatch(f -> f.contains("others"));
            assertThat(onA.drain()).noneMatch(f -> f.contains("others"));
        }
    }

    @Test
    void thePerUserCapHoldsAcrossInstancesAndPresenceCountsBoth() {
        String user = newUser();
        try (RawSocket a1 = RawSocket.connect(port(a), auth(user)); RawSocket a2 = RawSocket.connect(port(a), auth(user))) {
            a1.next(f -> Frames.isEvent(f, "presence") && f.contains("\"devices\":2"));
            try (RawSocket b1 = RawSocket.connect(port(b), auth(user)); RawSocket b2 = RawSocket.open(port(b))) {
                a1.next(f -> Frames.isEvent(f, "presence") && f.contains("\"devices\":3"));
                b2.next();
                b2.send("40" + auth(user));
                assertThat(b2.next()).isEqualTo("44{\"message\":\"Too many connections\"}");
            }
            JsonNode presence = Frames.payload(a1.next(f -> Frames.isEvent(f, "presence") && f.contains("\"devices\":2")));
            assertThat(presence.get("devices").asInt()).isEqualTo(2);
        }
    }

    /** Redis keeps nothing on disk: after a restart it has lost every count, and the instances count their sockets again. */
    @Test
    void aRedisThatLostItsCountsHasThemBackAtTheNextRefreshAndTheCapHoldsAgain() {
        String user = newUser();
        try (RawSocket a1 = RawSocket.connect(port(a), auth(user)); RawSocket a2 = RawSocket.connect(port(a), auth(user));
             RawSocket b1 = RawSocket.connect(port(b), auth(user))) {
            a1.next(f -> Frames.isEvent(f, "presence") && f.contains("\"devices\":3"));
            StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
            assertThat(redis.delete(PREFIX + ":sockets:" + user)).isTrue(); // what a restarted Redis holds of them: nothing
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> a.getBean(Cluster.class).sockets(user) == 3);
            try (RawSocket fourth = RawSocket.open(port(b))) {
                fourth.next();
                fourth.send("40" + auth(user));
                assertThat(fourth.next()).isEqualTo("44{\"message\":\"Too many connections\"}");
            }
        }
    }

    @Test
    void aKickOnOneInstanceEndsTheSessionOnTheOther() {
        String user = newUser();
        String token = "{\"token\":\"" + TestTokens.token(user, "s-kick", Duration.ofMinutes(5)) + "\"}";
        try (RawSocket onB = RawSocket.connect(port(b), token); RawSocket keep = RawSocket.connect(port(b), auth(user))) {
            onB.next(f -> Frames.isEvent(f, "sync:state")); // registered for kicks once connected
            a.getBean(Cluster.class).kick(user, "s-kick");
            assertThat(onB.next(f -> f.equals("41"))).isEqualTo("41");
            assertThat(onB.awaitClose()).isEqualTo(1000);
            keep.send("421[\"sync:request\",{\"since\":0}]");
            assertThat(keep.next(f -> f.startsWith("431"))).contains("\"ok\":true");
        }
    }

    /** What the command side publishes after a logout commits (it needs no gateway code, only Redis). */
    @Test
    void aKickPublishedOnTheSessionsChannelReachesEveryInstance() {
        String user = newUser();
        String token = "{\"token\":\"" + TestTokens.token(user, "s-logout", Duration.ofMinutes(5)) + "\"}";
        try (RawSocket onA = RawSocket.connect(port(a), token); RawSocket onB = RawSocket.connect(port(b), token)) {
            // a socket is registered for kicks once it is connected: wait for its sync:state before kicking
            onA.next(f -> Frames.isEvent(f, "sync:state"));
            onB.next(f -> Frames.isEvent(f, "sync:state"));
            a.getBean(StringRedisTemplate.class).convertAndSend(PREFIX + ":sessions",
                    "{\"userId\":\"" + user + "\",\"sessionId\":\"s-logout\"}");
            assertThat(onA.next(f -> f.equals("41"))).isEqualTo("41");
            assertThat(onB.next(f -> f.equals("41"))).isEqualTo("41");
        }
    }

    @Test
    void roomActivityReachesMembersOnTheOtherInstance() {
        String alice = newUser();
        String bob = newUser();
        String expense = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        GatewayIntegrationTest.ROOM_MEMBERS.add("expense:" + expense, alice, bob);
        try (RawSocket onA = RawSocket.connect(port(a), auth(alice)); RawSocket onB = RawSocket.connect(port(b), auth(bob))) {
            onA.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            onA.next(f -> f.startsWith("431"));
            onB.send("422[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            onB.next(f -> f.startsWith("432"));
            JsonNode activity = Frames.payload(onA.next(f -> Frames.isEvent(f, "room:activity") && f.contains(bob)));
            assertThat(activity.get("action").asText()).isEqualTo("joined");
            assertThat(activity.get("present")).extracting(JsonNode::asText).containsExactlyInAnyOrder(alice, bob);
        }
    }

    /** The query side in another process unshares: Bob's instance hears it on Redis and puts him out, Alice's room sees it. */
    @Test
    void aMembershipEndedOnTheFeedTakesEffectOnTheInstanceHoldingTheSocket() throws Exception {
        String alice = newUser();
        String bob = newUser();
        String expense = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        GatewayIntegrationTest.ROOM_MEMBERS.add("expense:" + expense, alice, bob);
        try (RawSocket onA = RawSocket.connect(port(a), auth(alice)); RawSocket onB = RawSocket.connect(port(b), auth(bob))) {
            onA.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            onA.next(f -> f.startsWith("431"));
            onB.send("422[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            onB.next(f -> f.startsWith("432"));
            onA.next(f -> Frames.isEvent(f, "room:activity") && f.contains(bob));

            GatewayIntegrationTest.ROOM_MEMBERS.remove("expense:" + expense, bob);
            publish(bob, "expense:deleted", expense, "{\"id\":\"" + expense + "\"}");

            assertThat(Frames.payload(onB.next(f -> Frames.isEvent(f, "room:activity") && f.contains("\"removed\""))).get("room").asText())
                    .isEqualTo("expense:" + expense);
            JsonNode left = Frames.payload(onA.next(f -> Frames.isEvent(f, "room:activity") && f.contains("\"left\"")));
            assertThat(left.get("present")).extracting(JsonNode::asText).containsExactly(alice);
        }
    }

    /** A third instance, stopped like a deploy: its clients are told "restart" and replay on another. */
    @Test
    void shutdownClosesWith1012AndTheClientReplaysOnTheOtherInstance() throws Exception {
        String user = newUser();
        long lastSeq;
        ConfigurableApplicationContext c = instance();
        try (RawSocket onB = RawSocket.connect(port(c), "{\"token\":\"" + TestTokens.token(user) + "\",\"epoch\":\"e1\",\"lastSeq\":0}")) {
            onB.nextEvent("sync:state");
            publish(user, "expense:created", "{\"n\":1}");
            lastSeq = Frames.seq(onB.nextEvent("expense:created"));
            c.close();
            assertThat(onB.awaitClose()).isEqualTo(1012);
        }
        publish(user, "expense:created", "{\"n\":2}");
        publish(user, "expense:created", "{\"n\":3}");
        try (RawSocket onA = RawSocket.connect(port(a), "{\"token\":\"" + TestTokens.token(user) + "\",\"epoch\":\"e1\",\"lastSeq\":" + lastSeq + "}")) {
            List<Long> seqs = new ArrayList<>();
            String frame;
            while (!Frames.isEvent(frame = onA.next(f -> f.startsWith("42")), "sync:state")) {
                if (Frames.isFeedEvent(frame)) {
                    seqs.add(Frames.seq(frame));
                }
            }
            assertThat(seqs).containsExactly(2L, 3L);
            assertThat(Frames.payload(frame).get("recovered").asBoolean()).isTrue();
        }
    }
}
