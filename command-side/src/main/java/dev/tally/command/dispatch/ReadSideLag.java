package dev.tally.command.dispatch;

import dev.tally.platform.web.OverloadedException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.common.DateTimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How far the read side (the projections that write every user's feed) is behind what this side has committed, and
 * whether to refuse new commands until it catches up. Accepting faster than the read side applies would turn an
 * overload into pushes that arrive later and later (seconds, then minutes); refusing with 503 and {@code Retry-After}
 * keeps what was accepted prompt, and clients retry.
 * <p>
 * The lag is the age of the oldest event the slowest segment has not applied, read from the shared database (the
 * processor's tokens and the event table), so it works the same in one process and split. A read side that applies
 * nothing at all (stopped, or never started) is not overload: writes go on and its health shows it behind.
 */
@Component
public class ReadSideLag {

    private static final Logger log = LoggerFactory.getLogger(ReadSideLag.class);

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private final String processor;
    private final Duration shedAbove;
    private final Duration stalledAfter;

    private volatile Duration lag = Duration.ZERO;
    private volatile boolean shedding;
    private long lastPosition = Long.MIN_VALUE;
    private Instant lastProgress;

    public ReadSideLag(JdbcClient jdbc, Serializer serializer, Clock clock, MeterRegistry meters,
                       @Value("${tally.command.shed.processor:query-read-models}") String processor,
                       @Value("${tally.command.shed.lag-above:PT0.5S}") Duration shedAbove,
                       @Value("${tally.command.shed.stalled-after:PT5S}") Duration stalledAfter) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.processor = processor;
        this.shedAbove = shedAbove;
        this.stalledAfter = stalledAfter;
        this.lastProgress = clock.instant();
        Gauge.builder("tally.command.read.side.lag", this, l -> l.lag.toMillis() / 1000.0).baseUnit("seconds")
                .description("age of the oldest event the read side has not applied").register(meters);
        Gauge.builder("tally.command.shedding", this, l -> l.shedding ? 1 : 0)
                .description("1 while commands are refused because the read side is behind").register(meters);
    }

    /** Refuses a command while the read side is too far behind. */
    public void admit() {
        if (shedding) {
            throw new OverloadedException("read_side_behind",
                    "Recording is paused for a moment while live updates catch up; retry shortly.", Duration.ofSeconds(1));
        }
    }

    Duration lag() {
        return lag;
    }

    @Scheduled(fixedDelayString = "${tally.command.shed.check-every:PT0.1S}")
    public void check() {
        try {
            update(slowestPosition());
        } catch (RuntimeException e) {
            log.debug("Could not read the read side's position: {}", e.toString());
        }
    }

    private void update(Optional<Long> position) {
        Instant now = clock.instant();
        if (position.isEmpty()) {
            lag = Duration.ZERO;
            shedding = false;
            return;
        }
        if (position.get() != lastPosition) {
            lastPosition = position.get();
            lastProgress = now;
        }
        lag = oldestUnapplied(position.get()).map(at -> Duration.between(at, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
        boolean applying = Duration.between(lastProgress, now).compareTo(stalledAfter) < 0;
        boolean was = shedding;
        // hysteresis: start above the limit, stop below half of it, so the rate does not flap at the edge
        shedding = applying && (was ? lag.compareTo(shedAbove.dividedBy(2)) > 0 : lag.compareTo(shedAbove) > 0);
        if (shedding != was) {
            log.info(shedding ? "Refusing commands: the read side is {} ms behind" : "Accepting commands again: the read side is {} ms behind",
                    lag.toMillis());
        }
    }

    /** The position of the segment furthest behind, or empty when the processor has no tokens (no read side yet). */
    private Optional<Long> slowestPosition() {
        List<Long> positions = jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = ?").param(processor)
                .query((rs, n) -> position(rs.getBytes(1), rs.getString(2))).list();
        return positions.stream().min(Long::compare);
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
        return tracking.position().orElse(-1);
    }

    private Optional<Instant> oldestUnapplied(long position) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1")
                .param(position).query(String.class).optional().map(DateTimeUtils::parseInstant);
    }
}
