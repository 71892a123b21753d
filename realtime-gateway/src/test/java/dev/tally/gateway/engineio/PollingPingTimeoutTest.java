package dev.tally.gateway.engineio;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.socket.CloseStatus;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A polling GET that comes after the ping deadline finds the session gone, whatever state the session is in, as with
 * the reference server, whose ping-timeout timer ends it at the deadline. The sweep never runs here (the server is not
 * started), so the GET alone decides; in CI the sweep dropping the session at the very moment of the GET once let the
 * GET take the queued ping (200) instead.
 */
class PollingPingTimeoutTest {

    private static final Duration PING_INTERVAL = Duration.ofMillis(100);
    private static final Duration PING_TIMEOUT = Duration.ofMillis(100);

    private final EngineIoServer server = new EngineIoServer(new EngineOptions(PING_INTERVAL, PING_TIMEOUT, 1000, 1000,
            Duration.ofSeconds(10), Duration.ofSeconds(1), List.of(), ""), SessionRouteTest.NOTHING, Runnable::run);
    private final EnginePollingFilter filter = new EnginePollingFilter(server);

    @Test
    void aSessionClosedWithPacketsLeftHandsThemToTheNextGetBeforeTheDeadline() throws Exception {
        EngineSession session = closedWithPacketsLeft();

        MockHttpServletResponse poll = get(session.id());
        assertThat(poll.getStatus()).isEqualTo(200);
        assertThat(poll.getContentAsString()).isEqualTo("4bye\u001e1");
    }

    @Test
    void aSessionClosedWithPacketsLeftIsGoneForAGetPastTheDeadline() throws Exception {
        EngineSession session = closedWithPacketsLeft();
        Thread.sleep(PING_INTERVAL.plus(PING_TIMEOUT).toMillis() + 50);

        MockHttpServletResponse poll = get(session.id());
        assertThat(poll.getStatus()).isEqualTo(400);
        assertThat(poll.getContentAsString()).doesNotContain("bye");
    }

    @Test
    void anOpenSessionIsGoneForAGetPastTheDeadline() throws Exception {
        EngineSession session = server.find(handshake());
        assertThat(session.send("4hello")).isTrue();
        Thread.sleep(PING_INTERVAL.plus(PING_TIMEOUT).toMillis() + 50);

        assertThat(get(session.id()).getStatus()).isEqualTo(400);
        assertThat(session.closing()).isTrue();
        assertThat(get(session.id()).getStatus()).isEqualTo(400);
    }

    private EngineSession closedWithPacketsLeft() throws Exception {
        EngineSession session = server.find(handshake());
        assertThat(session.send("4bye")).isTrue();
        session.close(CloseStatus.NORMAL, "server");
        return session;
    }

    private String handshake() throws Exception {
        String open = get(null).getContentAsString();
        return open.substring(9, open.indexOf('"', 9));
    }

    /** A polling GET: the handshake without {@code sid}, else a poll of that session. */
    private MockHttpServletResponse get(String sid) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine.io/");
        request.setQueryString("EIO=4&transport=polling" + (sid == null ? "" : "&sid=" + sid));
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }
}
