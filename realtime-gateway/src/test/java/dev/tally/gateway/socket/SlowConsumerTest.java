package dev.tally.gateway.socket;

import dev.tally.api.feed.FeedEntry;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.StalledClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A client that stops reading is closed (it will reconnect and replay) and never holds up anyone else's pushes. */
class SlowConsumerTest extends GatewayIntegrationTest {

    @Autowired
    SocketRegistry registry;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void aClientThatStopsReadingIsClosedWhileOthersKeepReceiving() throws Exception {
        String slow = newUser();
        String fast = newUser();
        double closedBefore = slowConsumerCloses();
        String big = "{\"note\":\"" + "x".repeat(20_000) + "\"}";
        try (StalledClient stalled = new StalledClient(port); RawSocket healthy = RawSocket.connect(port, auth(fast))) {
            stalled.sendText("40" + auth(slow));
            stalled.readUntil("sync:state"); // connected and replayed: what follows is the live path, which it never reads
            await().dontCatchUncaughtExceptions().until(() -> !registry.ofUser(slow).isEmpty());
            // live signals only (the feed table is not needed to show the push path): far more than buffers hold
            for (long seq = 1; seq <= 1500; seq++) {
                feedListener.committed(List.of(new FeedEntry(slow, seq, "e1", "expense:updated", big, seq, Instant.now())));
            }
            feedListener.committed(List.of(new FeedEntry(fast, 1, "e1", "expense:updated", "{\"id\":\"for-fast\"}", 1, Instant.now())));
            assertThat(healthy.nextEvent("expense:updated")).contains("for-fast");
            // closing it mid-message is the point: Tomcat's send handler then throws on its own thread ("the WebSocket
            // session has been closed"), which Awaitility would otherwise report as this test's failure
            await().dontCatchUncaughtExceptions().untilAsserted(() -> assertThat(registry.ofUser(slow)).isEmpty());
            assertThat(slowConsumerCloses()).as("closed as a slow consumer, not by a ping timeout").isGreaterThan(closedBefore);
        }
    }

    private double slowConsumerCloses() {
        return meters.counter("tally.gateway.errors", "kind", "slow-consumer").count();
    }
}
