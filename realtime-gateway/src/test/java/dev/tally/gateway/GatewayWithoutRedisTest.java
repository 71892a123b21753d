package dev.tally.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.socket.SocketRegistry;
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
import org.springframework.jdbc.core.JdbcTemplate;
import redis.embedded.RedisServer;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway of a split deployment whose Redis goes away (crash, restart) and comes back empty, as Redis keeps nothing
 * on disk: devices still connect, get their feed from the table and leave without a trace, and once Redis is back the
 * gateway counts its sockets there again. A Redis of this test's own, so that it can be stopped.
 */
class GatewayWithoutRedisTest {

    private static RedisServer redis;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port).setting("save \"\"").setting("appendonly no").build();
        redis.start();
        Map<String, String> properties = GatewayIntegrationTest.testProperties();
        properties.put("server.port", "0");
        properties.put("tally.gateway.redis.enabled", "true");
        properties.put("tally.gateway.redis.socket-ttl", "3s"); // counts refreshed every second
        // behaviour, not speed: the suite's 1 s pings would make a slow host's pause look like a dead client
        properties.put("tally.gateway.ping-interval", "5s");
        properties.put("tally.gateway.ping-timeout", "5s");
        properties.put("tally.gateway.connect-timeout", "10s");
        properties.put("spring.data.redis.port", Integer.toString(port));
        gateway = new SpringApplicationBuilder(GatewayApplication.class, GatewayIntegrationTest.TestBeans.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) gateway.close();
        if (redis != null && redis.isActive()) redis.stop();
    }

    @Test
    void devicesConnectGetTheirFeedAndLeaveNothingBehindWhileRedisIsDownAndAreCountedWhenItIsBack() throws Exception {
        int port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        String user = "u-" + UUID.randomUUID().toString().substring(0, 12);
        String other = "u-" + UUID.randomUUID().toString().substring(0, 12);
        SocketRegistry registry = gateway.getBean(SocketRegistry.class);
        Cluster cluster = gateway.getBean(Cluster.class);
        try (RawSocket laptop = RawSocket.connect(port, auth(user))) {
            laptop.nextEvent("sync:state");
            redis.stop();
            try (RawSocket phone = RawSocket.connect(port, auth(user)); RawSocket others = RawSocket.connect(port, auth(other))) {
                phone.nextEvent("sync:state");
                others.nextEvent("sync:state");
                // the query side's signal cannot come through Redis: the periodic catch-up reads the feed table
                new TestFeed(gateway.getBean(JdbcTemplate.class), entries -> { }).appendSilently(user, "expense:created", "{\"id\":\"e1\"}");
                for (RawSocket device : new RawSocket[]{laptop, phone}) {
                    assertThat(Frames.payload(device.nextEvent("expense:created")).get("id").asText()).isEqualTo("e1");
                }
                assertThat(others.drain()).noneMatch(frame -> frame.contains("e1"));

                // a room is joined whole, not half (before: joined here, then an error ack when Redis was asked)
                String expense = "x-" + UUID.randomUUID().toString().substring(0, 8);
                GatewayIntegrationTest.ROOM_MEMBERS.add("expense:" + expense, user);
                phone.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
                JsonNode joined = Frames.ackAnswer(phone.next(f -> f.startsWith("431")));
                assertThat(joined.get("ok").asBoolean()).as(joined.toString()).isTrue();
                assertThat(joined.get("present").toString()).contains(user);
                others.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
                assertThat(Frames.ackAnswer(others.next(f -> f.startsWith("431"))).get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");

                redis.start(); // empty
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> cluster.sockets(user) == 2 && cluster.sockets(other) == 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> registry.all().size() == 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> cluster.sockets(user) == 1 && cluster.sockets(other) == 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> registry.all().isEmpty());
    }

    private static String auth(String user) {
        return "{\"token\":\"" + TestTokens.token(user) + "\"}";
    }
}
