package dev.tally.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;

/** The gateway's meters, exported at {@code /actuator/prometheus} under {@code tally_gateway_*}. */
public class GatewayMetrics {

    private final MeterRegistry registry;
    private final Counter eventsOut;
    private final Timer pushDelay;
    private final DistributionSummary replaySize;

    public GatewayMetrics(MeterRegistry registry, Supplier<Number> socketsOpen) {
        this.registry = registry;
        io.micrometer.core.instrument.Gauge.builder("tally.gateway.sockets.open", socketsOpen, s -> s.get().doubleValue())
                .description("WebSocket connections held by this instance").strongReference(true).register(registry);
        this.eventsOut = Counter.builder("tally.gateway.events.out").description("events emitted to clients").register(registry);
        this.pushDelay = Timer.builder("tally.gateway.push.delay").description("from feed entry creation to its live push")
                .publishPercentileHistogram().register(registry);
        this.replaySize = DistributionSummary.builder("tally.gateway.replay.size").description("entries sent per replay")
                .register(registry);
    }

    public void eventIn(String event) {
        registry.counter("tally.gateway.events.in", "event", event).increment();
    }

    public void eventOut() {
        eventsOut.increment();
    }

    /** kinds: auth, malformed, rate-limited, slow-consumer, ping-timeout, connect-timeout, too-many-connections, command, replay… */
    public void error(String kind) {
        registry.counter("tally.gateway.errors", "kind", kind).increment();
    }

    public void replay(boolean recovered, int entries) {
        registry.counter("tally.gateway.replays", "recovered", Boolean.toString(recovered)).increment();
        replaySize.record(entries);
    }

    public void pushDelay(Duration delay) {
        pushDelay.record(delay.isNegative() ? Duration.ZERO : delay);
    }
}
