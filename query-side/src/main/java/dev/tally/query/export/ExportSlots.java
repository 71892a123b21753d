package dev.tally.query.export;

import dev.tally.platform.web.TooManyRequests;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many exports run at once: per user, and in the process. A download holds a pooled connection and a
 * repeatable-read snapshot at its client's reading pace, up to the request timeout (an hour): eight slow ones from one
 * user took the pool's ten connections and stalled the projections. Past either cap an export is refused before its
 * first byte with 429.
 */
@Component
class ExportSlots {

    /** Most exports take seconds; asking again soon costs one refused request. */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final int maxRunning;
    private final int maxPerUser;
    private final Map<String, Integer> byUser = new HashMap<>();
    private int running;

    ExportSlots(@Value("${tally.query.export.max-concurrent:4}") int maxRunning,
                @Value("${tally.query.export.max-per-user:2}") int maxPerUser) {
        if (maxRunning < 1 || maxPerUser < 1) {
            throw new IllegalArgumentException("tally.query.export.max-concurrent and max-per-user must be at least 1");
        }
        this.maxRunning = maxRunning;
        this.maxPerUser = maxPerUser;
    }

    /** A slot for one of the user's exports, to close once its download has ended (closing twice frees it once). */
    synchronized Slot take(String userId) {
        int mine = byUser.getOrDefault(userId, 0);
        if (mine >= maxPerUser) {
            throw new TooManyRequests("too_many_exports", "You have " + mine + " exports running; start another once one has finished.",
                    RETRY_AFTER);
        }
        if (running >= maxRunning) {
            throw new TooManyRequests("too_many_exports", "As many exports as the server runs at once are running; retry shortly.",
                    RETRY_AFTER);
        }
        byUser.put(userId, mine + 1);
        running++;
        return new Slot(userId);
    }

    private synchronized void free(String userId) {
        running--;
        byUser.computeIfPresent(userId, (user, n) -> n == 1 ? null : n - 1);
    }

    final class Slot implements AutoCloseable {
        private final String userId;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String userId) {
            this.userId = userId;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                free(userId);
            }
        }
    }
}
