package dev.tally.query.projection;

import dev.tally.platform.eventstore.ProcessorLag;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the projections keep up: how far the slowest segment is behind, and how many events are parked in the
 * dead-letter queue (with their owners' later events). Either one makes the health {@code DEGRADED} (still HTTP 200:
 * the query side answers, with older data for some users), and both are metrics
 * ({@code tally.projection.lag}, {@code tally.projection.parked}).
 */
@Component("projections")
public class ProjectionHealth implements HealthIndicator {

    /** The backlog is counted up to here: enough to tell a queue from a hiccup, and the count stays cheap. */
    private static final int BACKLOG_COUNTED_UP_TO = 10_000;

    public static final Status DEGRADED = new Status("DEGRADED", "projections are behind or have parked events");

    private final ProcessorLag lag;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration behindAbove;
    private volatile Duration behind = Duration.ZERO;
    private volatile long backlog;
    private volatile long parkedEvents;
    private volatile long parkedSequences;

    public ProjectionHealth(JdbcClient jdbc, Serializer serializer, Clock clock, MeterRegistry meters, ReadModelChange change,
                            @Value("${tally.query.health.behind-above:PT10S}") Duration behindAbove) {
        this.lag = new ProcessorLag(jdbc, serializer, ProjectionGroups.READ_MODELS);
        this.jdbc = jdbc;
        this.clock = clock;
        this.behindAbove = behindAbove;
        Gauge.builder("tally.projection.lag", this, h -> h.behind.toMillis() / 1000.0).baseUnit("seconds")
                .description("age of the oldest event the read models have not applied").register(meters);
        Gauge.builder("tally.projection.parked", this, h -> h.parkedEvents)
                .description("events parked in the read models' dead-letter queue").register(meters);
        FunctionCounter.builder("tally.projection.rollbacks", change, ReadModelChange::rollbacks)
                .description("read-model transactions rolled back; a batch that rolls back is redone event by event").register(meters);
    }

    @Scheduled(fixedDelayString = "${tally.query.health.check-every:PT5S}", initialDelayString = "PT5S")
    public void check() {
        Optional<ProcessorLag.Reading> reading = lag.read(clock.instant(), BACKLOG_COUNTED_UP_TO);
        behind = reading.map(ProcessorLag.Reading::lag).orElse(Duration.ZERO);
        backlog = reading.map(ProcessorLag.Reading::backlog).orElse(0L);
        Map<String, Object> parked = jdbc.sql("SELECT COUNT(*) AS events, COUNT(DISTINCT sequence_identifier) AS sequences "
                + "FROM dead_letter_entry WHERE processing_group = ?").param(ProjectionGroups.READ_MODELS).query().singleRow();
        parkedEvents = ((Number) parked.get("events")).longValue();
        parkedSequences = ((Number) parked.get("sequences")).longValue();
    }

    @Override
    public Health health() {
        check();
        boolean degraded = parkedEvents > 0 || behind.compareTo(behindAbove) > 0;
        return Health.status(degraded ? DEGRADED : Status.UP)
                .withDetail("behindMs", behind.toMillis())
                .withDetail("backlogEvents", backlog)
                .withDetail("parkedEvents", parkedEvents)
                .withDetail("parkedSequences", parkedSequences)
                .build();
    }
}
