package dev.tally.gateway.session;

import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The kick port ends one sign-in session's sockets with 41; metrics are exported for Prometheus. */
class KickAndMetricsTest extends GatewayIntegrationTest {

    @Autowired
    Cluster kick;

    @Test
    void kickEndsTheSessionsSocketsWith41AndLeavesOtherSessionsAndUsers() {
        String user = newUser();
        String other = newUser();
        String session1 = "{\"token\":\"" + TestTokens.token(user, "s1", Duration.ofMinutes(5)) + "\"}";
        String session2 = "{\"token\":\"" + TestTokens.token(user, "s2", Duration.ofMinutes(5)) + "\"}";
        try (RawSocket s1 = RawSocket.connect(port, session1); RawSocket s2 = RawSocket.connect(port, session2);
             RawSocket o = RawSocket.connect(port, auth(other))) {
            for (RawSocket connected : new RawSocket[]{s1, s2, o}) {
                connected.next(f -> Frames.isEvent(f, "sync:state")); // registered for kicks once connected
            }
            kick.kick(user, "s1");
            assertThat(s1.next(f -> f.equals("41"))).isEqualTo("41");
            assertThat(s1.awaitClose()).isEqualTo(1000);
            // the other session and the other user still work
            for (RawSocket alive : new RawSocket[]{s2, o}) {
                alive.send("429[\"sync:request\",{\"since\":0}]");
                assertThat(alive.next(f -> f.startsWith("439"))).contains("\"ok\":true");
                assertThat(alive.isClosed()).isFalse();
            }
            kick.kick(user, null); // every session of the user
            assertThat(s2.next(f -> f.equals("41"))).isEqualTo("41");
            assertThat(o.drain()).doesNotContain("41");
        }
    }

    @Test
    void prometheusExportsTheGatewayMeters() throws Exception {
        try (RawSocket refused = RawSocket.open(port)) {
            refused.next();
            refused.send("40{\"token\":\"forged\"}");
            refused.next();
        }
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("421[\"sync:request\",{\"since\":0}]");
            socket.next(f -> f.startsWith("431"));
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("tally_gateway_sockets_open").contains("tally_gateway_events_in_total{event=\"sync:request\"")
                    .contains("tally_gateway_events_out_total").contains("tally_gateway_replays_total")
                    .contains("tally_gateway_replay_size").contains("tally_gateway_errors_total{kind=\"auth\"}")
                    .containsPattern("tally_gateway_sockets_open(\\{[^}]*\\})? [1-9]");
        }
    }
}
