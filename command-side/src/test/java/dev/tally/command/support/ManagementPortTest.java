package dev.tally.command.support;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 8: the actuator answers on a management port that the load balancer does not route, with Prometheus there
 * (Axon's processor meters included); the application port answers health (status only) and nothing else of it.
 * Every answer carries the content security and referrer policies.
 */
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortTest extends CommandApiTest {

    @LocalManagementPort
    int managementPort;

    private static Api.Response get(int port, String path) {
        return new Api(port).get(path).send();
    }

    @Test
    void prometheusIsOnTheManagementPortOnlyAndHealthOnBoth() {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(port, "/actuator/prometheus").code()).isEqualTo(404);
        assertThat(get(port, "/actuator/env").code()).isEqualTo(404);
        Api.Response health = get(port, "/actuator/health");
        assertThat(health.code()).isEqualTo(200);
        assertThat(health.body().toString()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(get(port, "/actuator/health/readiness").code()).isEqualTo(200);

        category(someUser(), "Pets", "EXPENSE");
        String metrics = RestClient.create("http://localhost:" + managementPort).get().uri("/actuator/prometheus").retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes").contains("http_server_requests").contains("tally_command_group_queued").contains("tally_command_read_side_lag_seconds")
                .contains("eventProcessor_latency").doesNotContain("commandBus_"); // Axon's other monitors stay off: a tenth of an expense's CPU
        assertThat(get(managementPort, "/actuator/health").code()).isEqualTo(200);
    }

    @Test
    void answersCarryAContentSecurityAndAReferrerPolicy() {
        Api.Response answer = get(port, "/.well-known/jwks.json");
        assertThat(answer.headers().getFirst("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(answer.headers().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
    }
}
