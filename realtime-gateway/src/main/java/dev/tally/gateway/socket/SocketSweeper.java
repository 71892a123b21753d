package dev.tally.gateway.socket;

import dev.tally.gateway.GatewayProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One sweeper for all sockets on its own thread, away from pushes: connect timeouts (the Engine.IO server sweeps the
 * heartbeat and stuck sends). One task instead of one per connection keeps the cost per idle socket low.
 */
public class SocketSweeper {

    private static final Logger log = LoggerFactory.getLogger(SocketSweeper.class);
    private final SocketRegistry registry;
    private final GatewayProperties properties;
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "socket-ping");
        thread.setDaemon(true);
        return thread;
    });

    public SocketSweeper(SocketRegistry registry, GatewayProperties properties) {
        this.registry = registry;
        this.properties = properties;
        scheduler.setRemoveOnCancelPolicy(true);
    }

    public void start() {
        long period = properties.getSweepInterval().toMillis();
        scheduler.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        scheduler.shutdownNow();
    }

    /** Never throws: an exception escaping a fixed-rate task would cancel it for good. */
    void sweep() {
        long now = System.nanoTime();
        long connect = properties.getConnectTimeout().toNanos();
        for (ClientSocket socket : registry.all()) {
            try {
                socket.sweep(now, connect);
            } catch (RuntimeException e) {
                log.warn("sweep of socket {} failed", socket.engineId(), e);
            }
        }
    }
}
