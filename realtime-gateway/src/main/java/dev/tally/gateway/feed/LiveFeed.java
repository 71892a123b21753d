package dev.tally.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's {@link FeedListener}: pushes committed feed entries to the sockets of their user on this instance.
 * Each user's entries run on one stripe thread, so they leave in seq order without blocking the committing thread.
 * Rapid {@code dashboard:updated} / {@code budget:updated} for one key are merged within a short window, newest wins;
 * the merged event lists the seqs it replaces so clients see no gap.
 */
public class LiveFeed implements FeedListener {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Set<String> COALESCED_EVENTS = Set.of("dashboard:updated", "budget:updated");

    private final SocketRegistry registry;
    private final FeedCursors cursors;
    private final ObjectMapper json;
    private final Duration window;
    private final ExecutorService[] stripes;
    private final ScheduledExecutorService timer;
    private final Map<String, List<FeedEntry>> windows = new java.util.concurrent.ConcurrentHashMap<>();

    public LiveFeed(SocketRegistry registry, FeedCursors cursors, ObjectMapper json, Duration window, int stripeCount) {
        this.registry = registry;
        this.cursors = cursors;
        this.json = json;
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

    /** On the user's stripe: open a coalescing window when a mergeable entry arrives, else deliver at once. */
    private void accept(String userId, List<FeedEntry> entries) {
        List<FeedEntry> pending = windows.get(userId);
        if (pending != null) {
            pending.addAll(entries); // later entries wait behind the window to keep seq order
            return;
        }
        int firstMergeable = window.isZero() ? -1 : firstMergeable(entries);
        if (firstMergeable < 0) {
            deliver(userId, entries.stream().map(Delivery::of).toList());
            return;
        }
        // what comes before the first mergeable entry goes now (an expense is not held back by the dashboard after it)
        if (firstMergeable > 0) {
            deliver(userId, entries.subList(0, firstMergeable).stream().map(Delivery::of).toList());
        }
        windows.put(userId, new ArrayList<>(entries.subList(firstMergeable, entries.size())));
        timer.schedule(() -> stripe(userId).execute(() -> flush(userId)), window.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int firstMergeable(List<FeedEntry> entries) {
        for (int i = 0; i < entries.size(); i++) {
            if (COALESCED_EVENTS.contains(entries.get(i).event())) {
                return i;
            }
        }
        return -1;
    }

    private void flush(String userId) {
        List<FeedEntry> pending = windows.remove(userId);
        if (pending != null) {
            deliver(userId, coalesce(inSeqOrder(pending)));
        }
    }

    /**
     * A window collects several signals, and the periodic catch-up may add entries it read a moment earlier (already
     * sent, older than the rest). Coalescing keeps the LAST entry per key: out of seq order an old copy would win, be
     * dropped as already sent, and take the seqs it "replaced" with it, a gap the client never hears of. So: seq
     * order, each seq once (per epoch, epochs in the order they came: a rebuild restarts the seqs).
     */
    private static List<FeedEntry> inSeqOrder(List<FeedEntry> entries) {
        Map<String, Map<Long, FeedEntry>> byEpoch = new LinkedHashMap<>();
        entries.forEach(entry -> byEpoch.computeIfAbsent(entry.epoch(), e -> new TreeMap<>()).putIfAbsent(entry.seq(), entry));
        List<FeedEntry> ordered = new ArrayList<>();
        byEpoch.values().forEach(bySeq -> ordered.addAll(bySeq.values()));
        return ordered;
    }

    /** Newest wins per key; the survivor keeps its own seq and position and lists the seqs it replaces. */
    List<Delivery> coalesce(List<FeedEntry> entries) {
        Map<String, Integer> survivorByKey = new HashMap<>();
        Map<Integer, List<Long>> replaced = new TreeMap<>();
        boolean[] dropped = new boolean[entries.size()];
        for (int i = entries.size() - 1; i >= 0; i--) {
            FeedEntry entry = entries.get(i);
            if (!COALESCED_EVENTS.contains(entry.event())) {
                continue;
            }
            String key = key(entry);
            Integer survivor = survivorByKey.putIfAbsent(key, i);
            if (survivor != null) {
                dropped[i] = true;
                replaced.computeIfAbsent(survivor, s -> new ArrayList<>()).add(0, entry.seq());
            }
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!dropped[i]) {
                deliveries.add(new Delivery(entries.get(i), replaced.getOrDefault(i, List.of())));
            }
        }
        return deliveries;
    }

    /** The event plus the payload's identifying fields ({@code id}, {@code …Id}, {@code period}, {@code month}). */
    private String key(FeedEntry entry) {
        StringBuilder key = new StringBuilder(entry.event());
        try {
            JsonNode payload = json.readTree(entry.payload());
            TreeMap<String, String> ids = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = field.getKey();
                if (name.equals("id") || name.endsWith("Id") || name.equals("period") || name.equals("month")) {
                    ids.put(name, field.getValue().toString());
                }
            }
            ids.forEach((name, value) -> key.append('|').append(name).append('=').append(value));
        } catch (Exception e) {
            key.append("|seq=").append(entry.seq()); // unreadable: never merged
        }
        return key.toString();
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
