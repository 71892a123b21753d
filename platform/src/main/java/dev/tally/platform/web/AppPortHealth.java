package dev.tally.platform.web;

import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Health on the application port too, when the actuator has a management port of its own: load balancers, container
 * health checks and scripts that only know the application port (curl …:18911/actuator/health) keep working. Only
 * the status, never details; everything else of the actuator (Prometheus, details) is on the management port only.
 */
@RestController
public class AppPortHealth {

    private final HealthEndpoint health;
    private final HttpCodeStatusMapper codes;

    public AppPortHealth(HealthEndpoint health, HttpCodeStatusMapper codes) {
        this.health = health;
        this.codes = codes;
    }

    @GetMapping("/actuator/health")
    public ResponseEntity<Map<String, String>> health() {
        return answer(health.health());
    }

    @GetMapping("/actuator/health/liveness")
    public ResponseEntity<Map<String, String>> liveness() {
        return answer(health.healthForPath("liveness"));
    }

    @GetMapping("/actuator/health/readiness")
    public ResponseEntity<Map<String, String>> readiness() {
        return answer(health.healthForPath("readiness"));
    }

    /** The status code the actuator itself would give (DOWN and OUT_OF_SERVICE 503; UP and DEGRADED 200). */
    private ResponseEntity<Map<String, String>> answer(HealthComponent component) {
        Status status = component == null ? Status.UNKNOWN : component.getStatus();
        return ResponseEntity.status(codes.getStatusCode(status)).body(Map.of("status", status.getCode()));
    }
}
