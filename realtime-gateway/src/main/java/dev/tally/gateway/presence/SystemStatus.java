package dev.tally.gateway.presence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketLifecycle;
import org.springframework.boot.actuate.health.Status;
import org.springframework.core.annotation.Order;

import java.util.function.Supplier;

/**
 * {@code system:status} to each socket on connect, and to every socket of this instance when the service's health
 * changes (checked periodically from the actuator health, e.g. the database behind the feed going down).
 */
@Order(10)
public class SystemStatus implements SocketLifecycle {

    private final Supplier<Status> health;
    private final Cluster cluster;
    private final ObjectMapper json;
    private volatile String status = "ok";

    /** @param health the service's health now, null when there is none to follow (the health endpoint turned off) */
    public SystemStatus(Supplier<Status> health, Cluster cluster, ObjectMapper json) {
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
            Status s = health.get();
            if (s == null) {
                return;
            }
            now = Status.UP.equals(s) ? "ok" : Status.OUT_OF_SERVICE.equals(s) ? "maintenance" : "degraded";
        } catch (RuntimeException e) {
            now = "degraded";
        }
        if (!now.equals(status)) {
            try {
                cluster.emit(Cluster.ALL, "system:status", payload(now));
                status = now;
            } catch (RuntimeException e) {
                // a scheduled check never throws (it would end the schedule); the change is told at a later check
            }
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
