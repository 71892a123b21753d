package dev.tally.gateway.presence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.cluster.LocalCluster;
import dev.tally.gateway.socket.SocketRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The periodic health check behind {@code system:status}, when what carries the announcement is down. */
class SystemStatusTest {

    /** The cluster's emit goes through Redis on a split deployment: it fails while Redis is down. */
    private static final class Announcements extends LocalCluster {
        final List<String> sent = new ArrayList<>();
        boolean down;

        Announcements() {
            super(new SocketRegistry());
        }

        @Override
        public void emit(String room, String event, JsonNode payload) {
            if (down) {
                throw new IllegalStateException("Redis cannot be reached");
            }
            sent.add(room + " " + event + " " + payload.get("status").asText());
        }
    }

    private Status health = Status.UP;

    @Test
    void aChangeThatCouldNotBeAnnouncedIsAnnouncedAtTheNextCheckAndTheCheckNeverThrows() {
        Announcements cluster = new Announcements();
        SystemStatus status = new SystemStatus(() -> health, cluster, new ObjectMapper());

        health = Status.DOWN;
        cluster.down = true;
        assertThatCode(status::check).as("a throwing check would end its fixed-delay task for good").doesNotThrowAnyException();
        assertThat(cluster.sent).isEmpty();

        cluster.down = false;
        status.check();
        assertThat(cluster.sent).containsExactly(Cluster.ALL + " system:status degraded");
        status.check();
        assertThat(cluster.sent).as("announced once per change").hasSize(1);

        health = Status.UP;
        status.check();
        assertThat(cluster.sent).containsExactly(Cluster.ALL + " system:status degraded", Cluster.ALL + " system:status ok");
    }

    @Test
    void aHealthThatCannotBeReadCountsAsDegradedAndNoHealthToFollowAnnouncesNothing() {
        Announcements cluster = new Announcements();
        new SystemStatus(() -> { throw new IllegalStateException("database down"); }, cluster, new ObjectMapper()).check();
        assertThat(cluster.sent).containsExactly(Cluster.ALL + " system:status degraded");

        Announcements none = new Announcements();
        new SystemStatus(() -> null, none, new ObjectMapper()).check();
        assertThat(none.sent).isEmpty();
    }
}
