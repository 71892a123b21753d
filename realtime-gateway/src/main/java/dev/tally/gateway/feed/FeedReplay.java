package dev.tally.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.GatewayProperties;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.socket.Ack;
import dev.tally.gateway.socket.ClientEventHandler;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.EngineIoHandler;
import dev.tally.gateway.socket.SocketLifecycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.web.socket.CloseStatus;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Replay on (re)connect from the {@code epoch}/{@code lastSeq} of the CONNECT auth, and on {@code sync:request}: the
 * socket's cursor buffers live entries first, the feed is read after {@code lastSeq} in pages up to the head (each
 * page once the client has read the one before), the buffer is drained without duplicates, then {@code sync:state}.
 * When the epoch changed, the position is older than the retained feed, or more is missing than one replay serves, it
 * says {@code recovered:false} instead: never a partial replay that looks complete.
 */
@Order(100)
public class FeedReplay implements SocketLifecycle, ClientEventHandler {

    private static final Logger log = LoggerFactory.getLogger(FeedReplay.class);
    /** Replays one socket may have queued (the connect replay plus sync:requests). */
    private static final int MAX_PENDING = 3;

    private final FeedReader reader;
    private final FeedCursors cursors;
    private final ObjectMapper json;
    private final GatewayMetrics metrics;
    private final GatewayProperties properties;
    private final ExecutorService executor;
    private final FeedListener alsoTold;

    /** @param alsoTold told of every entry a cursor sends from the feed table (the rooms, whose members the feed may change) */
    public FeedReplay(FeedReader reader, FeedCursors cursors, ObjectMapper json, GatewayMetrics metrics,
                      GatewayProperties properties, ExecutorService executor, FeedListener alsoTold) {
        this.reader = reader;
        this.cursors = cursors;
        this.json = json;
        this.metrics = metrics;
        this.properties = properties;
        this.executor = executor;
        this.alsoTold = alsoTold;
    }

    @Override
    public void connected(ClientSocket socket) {
        FeedCursor cursor = new FeedCursor(socket, reader, json, metrics, properties.getReplayPageSize(),
                properties.getReplayMaxEntries(), alsoTold);
        cursors.put(socket, cursor); // live entries buffer from here on
        JsonNode auth = socket.auth();
        String epoch = auth != null && auth.path("epoch").isTextual() ? auth.get("epoch").asText() : null;
        Long lastSeq = auth == null ? null : EngineIoHandler.nonNegativeLong(auth.get("lastSeq"));
        cursor.enqueueReplay(() -> recover(socket, cursor, epoch, lastSeq, answer -> { }), executor, MAX_PENDING);
    }

    @Override
    public void disconnected(ClientSocket socket) {
        cursors.remove(socket);
    }

    @Override
    public Set<String> events() {
        return Set.of("sync:request");
    }

    /** {@code sync:request {since}}: replays from {@code since} without reconnecting; the ack carries the sync state. */
    @Override
    public void handle(ClientSocket socket, String event, JsonNode payload, Ack ack) {
        Long since = payload == null ? null : EngineIoHandler.nonNegativeLong(payload.get("since"));
        if (since == null) {
            ack.send(EngineIoHandler.errorAnswer(json, "BAD_REQUEST", "sync:request needs {\"since\": <seq ≥ 0>}."));
            return;
        }
        FeedCursor cursor = cursors.of(socket);
        String epoch = payload.path("epoch").isTextual() ? payload.get("epoch").asText() : null;
        if (cursor == null || !cursor.enqueueReplay(() -> recover(socket, cursor, epoch != null ? epoch : cursor.epoch(), since, ack),
                executor, MAX_PENDING)) {
            ack.send(EngineIoHandler.errorAnswer(json, "SYNC_IN_PROGRESS", "Replays are already waiting on this socket; wait for their acks."));
        }
    }

    /** Starts a replay; the future completes when it is over (sync:state sent, failed, or the socket closed). */
    CompletableFuture<Void> recover(ClientSocket socket, FeedCursor cursor, String clientEpoch, Long lastSeq, Ack ack) {
        String userId = socket.user().userId();
        Replay replay = new Replay(socket, cursor, ack);
        try {
            FeedReader.Head head = reader.head(userId).orElse(new FeedReader.Head(0, null));
            String lost = lostBecause(userId, head, clientEpoch, lastSeq);
            if (lost != null) {
                replay.finish(cursor.finishLost(head.seq(), head.epoch(), lost), false);
            } else {
                cursor.position(head.epoch(), lastSeq);
                replay.pages(head, lastSeq);
            }
        } catch (RuntimeException e) {
            replay.fail(e);
        }
        return replay.done;
    }

    /**
     * One complete replay, a page at a time. The next page is read only once the client has taken the last one down
     * to the low-water mark of its send queue: a slow reader slows the replay instead of overflowing the queue and
     * being closed as a slow consumer, and no replay thread waits for it meanwhile. A client that reads nothing is
     * still closed by the send timeout, which ends the replay too.
     */
    private final class Replay {

        private final ClientSocket socket;
        private final FeedCursor cursor;
        private final Ack ack;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private FeedReader.Head head;
        private long fromSeq;
        private long after;
        private int sent;

        Replay(ClientSocket socket, FeedCursor cursor, Ack ack) {
            this.socket = socket;
            this.cursor = cursor;
            this.ack = ack;
        }

        void pages(FeedReader.Head head, long lastSeq) {
            this.head = head;
            this.fromSeq = lastSeq + 1;
            this.after = lastSeq;
            nextPage();
        }

        private void nextPage() {
            try {
                if (socket.closing()) { // closed while it waited (a slow consumer, or gone): nobody to finish for
                    done.complete(null);
                    return;
                }
                if (after >= head.seq()) {
                    finish(cursor.finishRecovered(fromSeq), true);
                    return;
                }
                List<FeedEntry> page = reader.page(socket.user().userId(), after, head.seq(), properties.getReplayPageSize());
                if (page.isEmpty() || page.get(0).seq() != after + 1 || !contiguous(page)) {
                    // purged while replaying: say so rather than look complete
                    finish(cursor.finishLost(head.seq(), head.epoch(), "retention"), false);
                    return;
                }
                cursor.replayed(page);
                sent += page.size();
                after = page.get(page.size() - 1).seq();
                socket.whenDrained(properties.getReplayLowWater(), this::resume);
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /** Called by the socket's sender, often on a container thread: the next page is read on the replay executor. */
        private void resume() {
            try {
                executor.execute(this::nextPage);
            } catch (RejectedExecutionException e) { // shutting down
                done.complete(null);
            }
        }

        void finish(ObjectNode state, boolean recovered) {
            metrics.replay(recovered, sent);
            ObjectNode answer = json.createObjectNode().put("ok", true);
            answer.setAll(state);
            ack.send(answer);
            done.complete(null);
        }

        void fail(RuntimeException e) {
            log.warn("replay for socket {} failed", socket.engineId(), e);
            metrics.error("replay");
            ack.send(EngineIoHandler.errorAnswer(json, "REPLAY_FAILED", "The feed could not be read; reconnect to retry."));
            socket.close(CloseStatus.SERVER_ERROR.withReason("replay failed"), "replay");
            done.complete(null);
        }
    }

    /** Why no complete replay is possible, or null when it is. */
    private String lostBecause(String userId, FeedReader.Head head, String clientEpoch, Long lastSeq) {
        if (lastSeq == null) {
            return "no position";
        }
        if (head.epoch() == null) { // the user has no feed (yet, or it was wiped)
            return lastSeq == 0 ? null : "epoch changed";
        }
        if (!Objects.equals(head.epoch(), clientEpoch)) {
            return "epoch changed";
        }
        if (lastSeq > head.seq()) {
            return "epoch changed";
        }
        if (head.seq() - lastSeq > properties.getReplayMaxEntries()) {
            return "too much missing";
        }
        if (head.seq() > lastSeq && reader.oldestSeq(userId).map(oldest -> oldest > lastSeq + 1).orElse(true)) {
            return "retention";
        }
        return null;
    }

    private static boolean contiguous(List<FeedEntry> page) {
        for (int i = 1; i < page.size(); i++) {
            if (page.get(i).seq() != page.get(i - 1).seq() + 1) {
                return false;
            }
        }
        return true;
    }
}
