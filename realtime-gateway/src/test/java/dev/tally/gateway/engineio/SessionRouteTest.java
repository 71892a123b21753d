package dev.tally.gateway.engineio;

import dev.tally.gateway.GatewayProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session ids carry the instance's route, which a load balancer reads to keep a session on its gateway. */
class SessionRouteTest {

    private static EngineOptions options(String route) {
        return new EngineOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), 1000, 1000, Duration.ofSeconds(10),
                Duration.ofSeconds(1), List.of(), route);
    }

    static final EngineListener NOTHING = new EngineListener() {
        public void opened(EngineSession session) { }
        public void message(EngineSession session, String text) { }
        public void binary(EngineSession session, byte[] data) { }
        public void closed(EngineSession session, String reason) { }
    };

    @Test
    void sessionIdsStartWithTheRouteAndAreFoundByIt() {
        EngineIoServer server = new EngineIoServer(options("g7"), NOTHING, Runnable::run);
        String open = server.openPolling();
        assertThat(open).startsWith("0{\"sid\":\"g7.");
        String sid = open.substring(9, open.indexOf('"', 9));
        assertThat(server.find(sid)).isNotNull();
        assertThat(sid.substring(3)).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void withoutARouteIdsArePlain() {
        assertThat(new EngineIoServer(options(""), NOTHING, Runnable::run).openPolling()).matches("0\\{\"sid\":\"[A-Za-z0-9_-]{20}\".*");
    }

    @Test
    void aRouteIsLettersDigitsDashOrUnderscore() {
        GatewayProperties properties = new GatewayProperties();
        properties.setRoute("gateway_2-b");
        assertThat(properties.getRoute()).isEqualTo("gateway_2-b");
        assertThatThrownBy(() -> properties.setRoute("g1.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> properties.setRoute("g 1")).isInstanceOf(IllegalArgumentException.class);
    }
}
