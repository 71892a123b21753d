package dev.tally.gateway.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketLifecycle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.annotation.Order;

/**
 * {@code system:status} to each socket on connect, and to every socket of this instance when the service's health
 * changes (checked periodically from the actuator health, e.g. the database behind the feed going down).
 */
@Order(10)
public class SystemStatus implements SocketLifecycle {

    private final ObjectProvider<HealthEndpoint> health;
    private final Cluster cluster;
    private final ObjectMapper json;
    private volatile String status = "ok";

    public SystemStatus(ObjectProvider<HealthEndpoint> health, Cluster cluster, ObjectMapper json) {
        this.health = health;
        this.cluster = cluster;
        this.json = json;
    }

    @Override
    public void connected(ClientSocket socket) {
        socket.emit("system:status", payload(status));
    }

    @Override
    public void disconnected(ClientSocket socket) {
    }

    /** Called on a schedule; emits only on change. Never throws (it runs on a fixed-rate task). */
    public void check() {
        String now;
        try {
            HealthEndpoint endpoint = health.getIfAvailable();
            if (endpoint == null) {
                return; // health endpoint turned off: nothing to follow
            }
            Status s = endpoint.health().getStatus();
            now = Status.UP.equals(s) ? "ok" : Status.OUT_OF_SERVICE.equals(s) ? "maintenance" : "degraded";
        } catch (RuntimeException e) {
            now = "degraded";
        }
        if (!now.equals(status)) {
            status = now;
            cluster.emit(Cluster.ALL, "system:status", payload(now));
        }
    }

    private ObjectNode payload(String status) {
        String message = switch (status) {
            case "ok" -> "All systems operational.";
            case "maintenance" -> "Maintenance in progress; updates may be delayed.";
            default -> "Some updates may be delayed.";
        };
        return json.createObjectNode().put("status", status).put("message", message);
    }
}
