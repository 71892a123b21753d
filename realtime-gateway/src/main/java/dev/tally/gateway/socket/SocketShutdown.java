package dev.tally.gateway.socket;

import dev.tally.gateway.engineio.EngineIoServer;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

import java.time.Duration;

/**
 * Closes every socket with 1012 (service restart) before the web server stops: the container's graceful shutdown does
 * not wait for WebSockets, and clients told "restart" reconnect to another instance and replay. Never {@code 41} here:
 * that would tell them not to come back. The close frames are written by another thread, so the stop waits (briefly,
 * bounded) until the sockets are gone: a web server stopped under them would cut them off with 1006 instead.
 */
public class SocketShutdown implements SmartLifecycle {

    private static final Duration CLOSES_SENT_WITHIN = Duration.ofSeconds(3);

    private final SocketRegistry registry;
    private final SocketSweeper sweeper;
    private final EngineIoServer engine;
    private volatile boolean running;

    public SocketShutdown(SocketRegistry registry, SocketSweeper sweeper, EngineIoServer engine) {
        this.registry = registry;
        this.sweeper = sweeper;
        this.engine = engine;
    }

    @Override
    public void start() {
        sweeper.start();
        engine.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sweeper.stop();
        engine.stop();
        for (ClientSocket socket : registry.all()) {
            socket.close(CloseStatus.SERVICE_RESTARTED, "shutdown");
        }
        awaitClosed();
    }

    private void awaitClosed() {
        long deadline = System.nanoTime() + CLOSES_SENT_WITHIN.toNanos();
        while (registry.size() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the web server (whose lifecycles have lower phases). */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000;
    }
}
