package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.GatewayApplication;
import dev.tally.gateway.socket.SocketRegistry;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.SlowLink;
import dev.tally.gateway.support.StalledClient;
import dev.tally.gateway.support.TestFeed;
import dev.tally.gateway.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.socket.client.IO;
import io.socket.client.Socket;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long replay to a client that reads slower than the gateway reads the feed: the replay waits for the socket's send
 * queue to drain instead of filling it past the slow-consumer limit, and a client that reads nothing is still closed.
 * Its own gateway instance, with production-sized replays but a send buffer of a few pages, so pages must wait.
 */
class ReplayBackpressureTest {

    /** Twice the protocol's default maximum: far more than the kernel's socket buffers absorb (a few MB). */
    private static final int MISSED = 20_000;
    /** About 560 characters a frame, as measured in docs/benchmarks.md. */
    private static final int PAD = 500;
    private static ConfigurableApplicationContext gateway;

    @BeforeAll
    static void start() {
        Map<String, String> properties = GatewayIntegrationTest.testProperties();
        properties.put("server.port", "0");
        properties.put("tally.gateway.replay-max-entries", String.valueOf(MISSED));
        properties.put("tally.gateway.replay-page-size", "100");       // about 56 000 characters a page
        // the low-water mark plus a page fit in the send buffer; the whole replay (about 11 MB) is far over it
        properties.put("tally.gateway.send-buffer-limit", "131072");
        properties.put("tally.gateway.replay-low-water", "32768");
        properties.put("tally.gateway.send-timeout", "2s");
        // a paced client answers pings late; pings are not under test here
        properties.put("tally.gateway.ping-interval", "25s");
        properties.put("tally.gateway.ping-timeout", "20s");
        gateway = new SpringApplicationBuilder(GatewayApplication.class, GatewayIntegrationTest.TestBeans.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aLongReplayToASlowReaderWaitsForItAndArrivesWholeInOrderThenLive() throws Exception {
        String user = newUser();
        TestFeed feed = feed();
        feed.appendManySilently(user, "expense:updated", MISSED, PAD);
        double closesBefore = slowConsumerCloses();
        OkHttpClient slowLink = new OkHttpClient.Builder().socketFactory(new SlowLink(2_000_000))
                .readTimeout(1, TimeUnit.MINUTES).build();
        IO.Options options = IO.Options.builder().setTransports(new String[]{"websocket"}).setReconnection(false)
                .setAuth(Map.of("token", TestTokens.token(user), "epoch", TestFeed.EPOCH, "lastSeq", "0")).build();
        options.webSocketFactory = slowLink;
        Socket socket = IO.socket(URI.create("http://localhost:" + port()), options);
        List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Object> replayEnded = new CompletableFuture<>(); // sync:state, or the reason of a close
        List<Object> disconnects = new CopyOnWriteArrayList<>();
        socket.on("expense:updated", args -> seqs.add(((JSONObject) args[0]).optJSONObject("_meta").optLong("seq")));
        socket.on("sync:state", args -> replayEnded.complete(args[0]));
        socket.on(Socket.EVENT_DISCONNECT, args -> {
            disconnects.add(args[0]);
            replayEnded.complete("closed: " + args[0]);
        });
        try {
            socket.connect();
            await().atMost(Duration.ofSeconds(20)).until(() -> !seqs.isEmpty());
            // committed while the replay is still under way: buffered, and sent once after the replayed entries
            FeedEntry live = feed.append(user, "expense:updated", "{\"live\":true}");
            Object end = replayEnded.get(90, TimeUnit.SECONDS);
            assertThat(end).as("sync:state, not a close, after %d entries", seqs.size()).isInstanceOf(JSONObject.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> seqs.contains(live.seq()));

            assertThat(disconnects).as("never closed").isEmpty();
            JSONObject state = (JSONObject) end;
            assertThat(state.getBoolean("recovered")).isTrue();
            assertThat(state.getLong("fromSeq")).isEqualTo(1);
            List<Long> expected = LongStream.rangeClosed(1, live.seq()).boxed().toList();
            synchronized (seqs) {
                assertThat(seqs).as("every entry once, in seq order").isEqualTo(expected);
            }
            assertThat(socket.connected()).isTrue();
            assertThat(slowConsumerCloses()).isEqualTo(closesBefore);
        } finally {
            socket.close();
            slowLink.dispatcher().executorService().shutdown();
        }
    }

    @Test
    void aClientThatReadsNothingOfItsReplayIsStillClosedAndTheReplayEnds() throws Exception {
        String user = newUser();
        feed().appendManySilently(user, "expense:updated", MISSED, PAD);
        double closesBefore = slowConsumerCloses();
        SocketRegistry registry = gateway.getBean(SocketRegistry.class);
        try (StalledClient stalled = new StalledClient(port())) {
            stalled.sendText("40{\"token\":\"" + TestTokens.token(user) + "\",\"epoch\":\"e1\",\"lastSeq\":0}");
            // the replay waits on a send that never completes: the send timeout (2 s here) closes it
            await().atMost(Duration.ofSeconds(20)).until(() -> slowConsumerCloses() > closesBefore);
            // closing writes a close frame it cannot deliver either: Tomcat gives up after the blocking send timeout (5 s)
            await().atMost(Duration.ofSeconds(15)).until(() -> registry.ofUser(user).isEmpty());
            // and nothing more is sent for it: the replay did not carry on reading pages for a closed socket
            double out = eventsOut();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> eventsOut() == out);
        }
    }

    private static int port() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    private static TestFeed feed() {
        return new TestFeed(gateway.getBean(JdbcTemplate.class), gateway.getBean(FeedListener.class));
    }

    private static String newUser() {
        return "u-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static double slowConsumerCloses() {
        return gateway.getBean(MeterRegistry.class).counter("tally.gateway.errors", "kind", "slow-consumer").count();
    }

    private static double eventsOut() {
        return gateway.getBean(MeterRegistry.class).counter("tally.gateway.events.out").count();
    }
}
