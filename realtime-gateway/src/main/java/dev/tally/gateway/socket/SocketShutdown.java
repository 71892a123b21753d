package dev.tally.gateway.socket;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;

/**
 * Closes every socket with 1012 (service restart) before the web server stops: the container's graceful shutdown does
 * not wait for WebSockets, and clients told "restart" reconnect to another instance and replay. Never {@code 41} here:
 * that would tell them not to come back.
 */
public class SocketShutdown implements SmartLifecycle {

    private final SocketRegistry registry;
    private final SocketSweeper sweeper;
    private volatile boolean running;

    public SocketShutdown(SocketRegistry registry, SocketSweeper sweeper) {
        this.registry = registry;
        this.sweeper = sweeper;
    }

    @Override
    public void start() {
        sweeper.start();
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        sweeper.stop();
        for (ClientSocket socket : registry.all()) {
            socket.close(CloseStatus.SERVICE_RESTARTED, "shutdown");
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
