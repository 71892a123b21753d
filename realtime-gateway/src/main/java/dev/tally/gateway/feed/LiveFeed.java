package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedEvents;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's {@link FeedListener}: pushes committed feed entries to the sockets of their user on this instance.
 * Each user's entries run on one stripe thread, so they leave in seq order without blocking the committing thread.
 * Consecutive updates of one thing by an event that coalesces ({@link FeedEvents}: a month's dashboard, a budget period),
 * one {@link FeedEntry#stateKey}, are merged within a short window, newest wins; the merged event lists the seqs it
 * replaces (those just before it), so clients see no gap.
 */
public class LiveFeed implements FeedListener {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);

    private final SocketRegistry registry;
    private final FeedCursors cursors;
    private final Duration window;
    private final ExecutorService[] stripes;
    private final ScheduledExecutorService timer;
    private final Map<String, Window> windows = new java.util.concurrent.ConcurrentHashMap<>();
    private final FeedListener alsoTold;

    /** @param alsoTold told of every batch too, without waiting (the rooms, whose members the feed may change) */
    public LiveFeed(SocketRegistry registry, FeedCursors cursors, Duration window, int stripeCount, FeedListener alsoTold) {
        this.registry = registry;
        this.alsoTold = alsoTold;
        this.cursors = cursors;
        this.window = window;
        this.stripes = new ExecutorService[stripeCount];
        for (int i = 0; i < stripeCount; i++) {
            int n = i;
            stripes[i] = Executors.newSingleThreadExecutor(r -> daemon(r, "feed-push-" + n));
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "feed-coalesce"));
    }

    @Override
    public void committed(List<FeedEntry> entries) {
        Map<String, List<FeedEntry>> byUser = new LinkedHashMap<>();
        for (FeedEntry entry : entries) {
            byUser.computeIfAbsent(entry.userId(), u -> new ArrayList<>()).add(entry);
        }
        byUser.forEach((userId, userEntries) -> {
            if (!registry.ofUser(userId).isEmpty()) {
                userEntries.sort(Comparator.comparingLong(FeedEntry::seq));
                stripe(userId).execute(() -> accept(userId, userEntries));
            }
        });
        try {
            alsoTold.committed(entries);
        } catch (RuntimeException e) {
            log.warn("feed observer failed", e);
        }
    }

    public void shutdown() {
        timer.shutdownNow();
        for (ExecutorService stripe : stripes) {
            stripe.shutdownNow();
        }
    }

    private ExecutorService stripe(String userId) {
        return stripes[Math.floorMod(userId.hashCode(), stripes.length)];
    }

    /**
     * On the user's stripe: every entry goes out at once, in seq order, except a mergeable one (a month's dashboard, a
     * budget), which opens a window. Further updates of the same thing join it; anything else closes it, and the
     * window goes out first as one delivery, the newest update naming the seqs it replaces, which are exactly the
     * ones just before it. So a client applying strictly by seq never sees a gap, and nothing waits behind a window.
     */
    private void accept(String userId, List<FeedEntry> entries) {
        Window open = windows.get(userId);
        List<Delivery> now = new ArrayList<>();
        for (FeedEntry entry : entries) {
            if (open != null && open.takes(entry)) {
                open.entries.add(entry);
                continue;
            }
            if (open != null) {
                windows.remove(userId, open);
                now.add(open.merged());
                open = null;
            }
            if (!window.isZero() && entry.stateKey() != null && FeedEvents.coalesces(entry.event())) {
                Window opened = new Window(entry);
                windows.put(userId, opened);
                open = opened;
                timer.schedule(() -> stripe(userId).execute(() -> flush(userId, opened)), window.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                now.add(Delivery.of(entry));
            }
        }
        if (!now.isEmpty()) {
            deliver(userId, now);
        }
    }

    /** The window's time is up: unless something else closed it already, it goes out. */
    private void flush(String userId, Window expired) {
        if (windows.remove(userId, expired)) {
            deliver(userId, List.of(expired.merged()));
        }
    }

    /** Consecutive updates of one thing, in seq order; the newest wins. */
    private static final class Window {
        private final List<FeedEntry> entries = new ArrayList<>();

        Window(FeedEntry first) {
            entries.add(first);
        }

        /** The next update of the same thing (a stale or repeated copy, or another epoch, ends the window instead). */
        boolean takes(FeedEntry entry) {
            return entries.get(entries.size() - 1).coalescesWith(entry);
        }

        Delivery merged() {
            return new Delivery(entries.get(entries.size() - 1), entries.subList(0, entries.size() - 1).stream().map(FeedEntry::seq).toList());
        }
    }

    private void deliver(String userId, List<Delivery> deliveries) {
        for (ClientSocket socket : registry.ofUser(userId)) {
            FeedCursor cursor = cursors.of(socket);
            if (cursor != null) {
                try {
                    cursor.live(deliveries);
                } catch (RuntimeException e) {
                    log.warn("live push to socket {} failed", socket.engineId(), e);
                }
            }
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread thread = new Thread(r, name);
        thread.setDaemon(true);
        return thread;
    }
}
