package dev.tally.command.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.web.OverloadedException;
import dev.tally.platform.web.ProblemResponses;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.tally.platform.eventstore.ProcessorLag;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * How far the read side (the projections that write every user's feed) is behind what this side has committed, and
 * whether to refuse new transactions until it catches up. Accepting faster than the read side applies would turn an
 * overload into pushes that arrive later and later (seconds, then minutes); refusing with 503 and {@code Retry-After}
 * keeps what was accepted prompt, and clients retry. Only the bulk of the load is refused (recording and changing
 * transactions: this is the filter of their endpoints): signing up or out, opening accounts, categories and budgets are
 * rare, and refusing them would break a person's first minute rather than relieve the system. The refusal comes before
 * authentication and everything else a request costs: a client that retries at once, ignoring {@code Retry-After}, then
 * costs little more than the bytes of its request (answered through the whole web stack, refusals at 1 000/s took
 * enough CPU to push the accepted requests' p99 past a second, docs/benchmarks.md).
 * <p>
 * The lag is the age of the oldest event the slowest segment has not applied, read from the shared database (the
 * processor's tokens and the event table), so it works the same in one process and split. Overload is a queue, not
 * one slow event: a lag counts only while at least {@code backlog-from} events wait (a cold start's first events, a
 * GC pause, once refused a newcomer's only expense). A read side that applies nothing at all (stopped, or never
 * started) is not overload either: writes go on and its health shows it behind.
 */
@Component
public class ReadSideLag extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ReadSideLag.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ProcessorLag readSide;
    private final ProblemResponses problems;
    private final Clock clock;
    private final Duration shedAbove;
    private final Duration stalledAfter;
    private final int backlogFrom;

    private volatile Duration lag = Duration.ZERO;
    private volatile boolean shedding;
    private long lastPosition = Long.MIN_VALUE;
    private Instant lastProgress;

    public ReadSideLag(JdbcClient jdbc, Serializer serializer, Clock clock, MeterRegistry meters, ObjectMapper json,
                       @Value("${tally.command.shed.processor:query-read-models}") String processor,
                       @Value("${tally.command.shed.lag-above:PT0.5S}") Duration shedAbove,
                       @Value("${tally.command.shed.stalled-after:PT5S}") Duration stalledAfter,
                       @Value("${tally.command.shed.backlog-from:100}") int backlogFrom) {
        this.readSide = new ProcessorLag(jdbc, serializer, processor);
        this.problems = new ProblemResponses(json);
        this.clock = clock;
        this.shedAbove = shedAbove;
        this.stalledAfter = stalledAfter;
        this.backlogFrom = backlogFrom;
        this.lastProgress = clock.instant();
        Gauge.builder("tally.command.read.side.lag", this, l -> l.lag.toMillis() / 1000.0).baseUnit("seconds")
                .description("age of the oldest event the read side has not applied").register(meters);
        Gauge.builder("tally.command.shedding", this, l -> l.shedding ? 1 : 0)
                .description("1 while commands are refused because the read side is behind").register(meters);
    }

    /** Registered for the transaction endpoints (config): refuses their changes before anything is done for them. */
    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (shedding && CHANGES.contains(request.getMethod())) {
            problems.write(response, new OverloadedException("read_side_behind",
                    "Recording is paused for a moment while live updates catch up; retry shortly.", Duration.ofSeconds(1)));
            return;
        }
        chain.doFilter(request, response);
    }

    Duration lag() {
        return lag;
    }

    boolean shedding() {
        return shedding;
    }

    @Scheduled(fixedDelayString = "${tally.command.shed.check-every:PT0.1S}")
    public void check() {
        try {
            update(readSide.read(clock.instant(), backlogFrom));
        } catch (RuntimeException e) {
            log.debug("Could not read the read side's position: {}", e.toString());
        }
    }

    private void update(Optional<ProcessorLag.Reading> reading) {
        Instant now = clock.instant();
        if (reading.isEmpty()) {
            lag = Duration.ZERO;
            shedding = false;
            return;
        }
        if (reading.get().slowestPosition() != lastPosition) {
            lastPosition = reading.get().slowestPosition();
            lastProgress = now;
        }
        lag = reading.get().lag();
        boolean applying = Duration.between(lastProgress, now).compareTo(stalledAfter) < 0;
        boolean queued = reading.get().backlog() >= backlogFrom;
        boolean was = shedding;
        // hysteresis: start above the limit, stop below half of it, so the rate does not flap at the edge
        shedding = applying && (was ? lag.compareTo(shedAbove.dividedBy(2)) > 0 : queued && lag.compareTo(shedAbove) > 0);
        if (shedding != was) {
            log.info(shedding ? "Refusing commands: the read side is {} ms behind" : "Accepting commands again: the read side is {} ms behind",
                    lag.toMillis());
        }
    }
}
