package dev.tally.platform.eventstore;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;

/**
 * Listens on PostgreSQL for the notification the event table's trigger sends at every commit, and wakes the event store
 * so that events appended by another process reach this one's processors in milliseconds rather than at the next poll.
 * It holds one connection of its own (outside the pool, since it is never returned). Polling stays as the fallback:
 * while the listener reconnects nothing is lost, only later. Notifications of this process's own appends
 * ({@link AppendOrigin}) are skipped: its commits woke the store in-process already.
 */
public class EventStoreWakeUp implements SmartLifecycle {

    public static final String CHANNEL = "tally_events_appended";
    private static final Logger log = LoggerFactory.getLogger(EventStoreWakeUp.class);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);

    private final WakeableEventStore eventStore;
    private final AppendOrigin thisProcess;
    private final String url;
    private final String user;
    private final String password;
    private volatile Thread listener;
    private volatile boolean running;

    public EventStoreWakeUp(WakeableEventStore eventStore, AppendOrigin thisProcess, String url, String user, String password) {
        this.eventStore = eventStore;
        this.thisProcess = thisProcess;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "event-store-wake-up");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, user, password)) {
                try (Statement listen = connection.createStatement()) {
                    listen.execute("LISTEN " + CHANNEL);
                }
                eventStore.wakeUp(); // whatever was committed while we were not listening
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(1000);
                    if (received != null && Arrays.stream(received).anyMatch(n -> !thisProcess.id().equals(n.getParameter()))) {
                        eventStore.wakeUp();
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("Not listening for appended events ({}); polling only, retrying in {}", e.getMessage(), RECONNECT_DELAY);
                    sleep();
                }
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(RECONNECT_DELAY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
