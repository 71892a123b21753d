package dev.tally.gateway.engineio;

import java.time.Duration;
import java.util.List;

/**
 * An Engine.IO server's settings: the heartbeat, the largest message a client may send ({@code maxPayload}, also the
 * cap on a polling POST), the characters queued for one client before it counts as too slow, how long a send may stay
 * untaken, how often sessions are swept, the browser origins allowed besides the server's own, and this instance's
 * route: when not empty, every session id starts with {@code <route>.}, so a load balancer can send each request of
 * a session to the instance that holds it.
 */
public record EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, int sendQueueLimit,
                            Duration sendTimeout, Duration sweepInterval, List<String> allowedOrigins, String route) {

    String sessionId(String random) {
        return route == null || route.isEmpty() ? random : route + "." + random;
    }
}
