package dev.tally.gateway.support;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** A health contributor a test can switch, to see system:status follow the service's health. */
public class TestHealth implements HealthIndicator {

    private volatile Status status = Status.UP;

    public void set(Status status) {
        this.status = status;
    }

    @Override
    public Health health() {
        return Health.status(status).build();
    }
}
