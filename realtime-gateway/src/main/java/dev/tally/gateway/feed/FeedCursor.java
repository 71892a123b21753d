package dev.tally.gateway.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.socket.ClientSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * One socket's position in its user's feed: the last seq sent and the epoch. While a replay runs, live entries are
 * buffered; afterwards they pass in seq order, duplicates dropped, and a gap (a lost live signal) is filled from the
 * feed table before the entry that revealed it.
 */
public class FeedCursor {

    private static final Logger log = LoggerFactory.getLogger(FeedCursor.class);
    private final ClientSocket socket;
    private final FeedReader reader;
    private final ObjectMapper json;
    private final GatewayMetrics metrics;
    private final int pageSize;
    private final int bufferLimit;
    private final FeedListener alsoTold;
    private final List<Delivery> buffer = new ArrayList<>();
    private boolean replaying = true;
    private CompletableFuture<Void> replays = CompletableFuture.completedFuture(null);
    private int pendingReplays;
    private String epoch;
    private long lastSeq;

    /** @param alsoTold told of what is sent from the feed table, as {@link LiveFeed} tells it of live entries */
    FeedCursor(ClientSocket socket, FeedReader reader, ObjectMapper json, GatewayMetrics metrics, int pageSize, int bufferLimit,
               FeedListener alsoTold) {
        this.socket = socket;
        this.reader = reader;
        this.json = json;
        this.metrics = metrics;
        this.pageSize = pageSize;
        this.bufferLimit = bufferLimit;
        this.alsoTold = alsoTold;
    }

    /** Live entries of this socket's user, in seq order. */
    public synchronized void live(List<Delivery> batch) {
        if (replaying) {
            buffer.addAll(batch);
            if (buffer.size() > bufferLimit) { // cannot hold more: let it reconnect and replay
                socket.close(CloseStatus.SERVICE_OVERLOAD.withReason("replay buffer full"), "slow-consumer");
            }
            return;
        }
        sendInOrder(batch, true);
    }

    /**
     * Runs replays of this socket one after another, each started on {@code executor} (a {@code sync:request} sent
     * before the connect replay finished waits for it); a replay is over when the future it returns completes (it may
     * pause for the client in between). False when {@code maxPending} are already waiting.
     */
    synchronized boolean enqueueReplay(Supplier<CompletableFuture<Void>> replay, Executor executor, int maxPending) {
        if (pendingReplays >= maxPending) {
            return false;
        }
        pendingReplays++;
        replays = replays.thenComposeAsync(ignored -> {
            synchronized (this) {
                replaying = true;
            }
            return replay.get();
        }, executor).whenComplete((ignored, e) -> {
            synchronized (this) {
                pendingReplays--;
            }
        }).exceptionally(e -> null);
        return true;
    }

    /** The last seq sent, or -1 while a replay runs. */
    synchronized long lastSent() {
        return replaying ? -1 : lastSeq;
    }

    synchronized String epoch() {
        return epoch;
    }

    synchronized void position(String epoch, long seq) {
        this.epoch = epoch;
        this.lastSeq = seq;
    }

    synchronized void replayed(List<FeedEntry> page) {
        for (FeedEntry entry : page) {
            if (entry.seq() > lastSeq) {
                emit(Delivery.of(entry), false);
                lastSeq = entry.seq();
            }
        }
        // a replay or a filled gap may be the only way an entry comes (its live signal lost): the rooms must hear of
        // it too, or a former member stays in the room
        try {
            alsoTold.committed(page);
        } catch (RuntimeException e) {
            log.warn("feed observer failed", e);
        }
    }

    /** Replay complete: drain the buffer, then {@code sync:state {recovered:true}}. */
    synchronized ObjectNode finishRecovered(long fromSeq) {
        replaying = false;
        sendInOrder(buffer, true);
        buffer.clear();
        ObjectNode state = json.createObjectNode().put("recovered", true).put("epoch", epoch)
                .put("fromSeq", fromSeq).put("toSeq", lastSeq);
        socket.emit("sync:state", state);
        return state;
    }

    /** No (complete) replay possible: {@code sync:state {recovered:false}} first, then live entries after {@code latestSeq}. */
    synchronized ObjectNode finishLost(long latestSeq, String latestEpoch, String reason) {
        epoch = latestEpoch;
        lastSeq = latestSeq;
        ObjectNode state = json.createObjectNode().put("recovered", false).put("epoch", latestEpoch)
                .put("latestSeq", latestSeq).put("reason", reason);
        socket.emit("sync:state", state);
        replaying = false;
        sendInOrder(buffer, true);
        buffer.clear();
        return state;
    }

    private void sendInOrder(List<Delivery> batch, boolean live) {
        Set<Long> superseded = new HashSet<>();
        batch.forEach(d -> superseded.addAll(d.replaces()));
        for (Delivery delivery : batch) {
            FeedEntry entry = delivery.entry();
            if (epoch != null && !epoch.equals(entry.epoch())) { // the feed was rebuilt under a connected socket
                epoch = entry.epoch();
                lastSeq = entry.seq() - 1;
                socket.emit("sync:state", json.createObjectNode().put("recovered", false).put("epoch", epoch)
                        .put("latestSeq", lastSeq).put("reason", "epoch changed"));
            }
            epoch = entry.epoch();
            while (superseded.contains(lastSeq + 1)) {
                lastSeq++;
            }
            if (entry.seq() <= lastSeq) {
                continue; // already sent (replay and live overlap, or a repeated signal)
            }
            if (entry.seq() > lastSeq + 1) {
                catchUp(entry.seq() - 1);
            }
            emit(delivery, live);
            lastSeq = entry.seq();
        }
    }

    /** A live signal was lost: read what is missing before going on. */
    private void catchUp(long toSeq) {
        while (lastSeq < toSeq) {
            List<FeedEntry> page = reader.page(entryUser(), lastSeq, toSeq, pageSize);
            if (page.isEmpty()) {
                return; // gone from the feed (retention); the client sees the gap and asks sync:request
            }
            replayed(page);
        }
    }

    private String entryUser() {
        return socket.user().userId();
    }

    private void emit(Delivery delivery, boolean live) {
        FeedEntry entry = delivery.entry();
        if (live) {
            metrics.pushDelay(Duration.between(entry.createdAt(), Instant.now()));
        }
        socket.emitEncoded(delivery.frame(() -> {
            ObjectNode payload = payload(entry);
            ObjectNode meta = payload.putObject("_meta").put("seq", entry.seq()).put("epoch", entry.epoch());
            if (!delivery.replaces().isEmpty()) {
                delivery.replaces().forEach(meta.putArray("replaces")::add);
            }
            return socket.encode(entry.event(), payload);
        }));
    }

    private ObjectNode payload(FeedEntry entry) {
        try {
            JsonNode node = json.readTree(entry.payload());
            if (node instanceof ObjectNode object) {
                return object;
            }
            ObjectNode wrapped = json.createObjectNode();
            wrapped.set("value", node);
            return wrapped;
        } catch (JsonProcessingException e) {
            return json.createObjectNode().put("value", entry.payload());
        }
    }
}
