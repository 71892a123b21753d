package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Live signals can be lost (a crash after commit, a Redis hiccup). Periodically compares each connected user's feed
 * head with what their sockets were sent and feeds what is missing through the live path, which drops duplicates.
 */
public class FeedCatchUp {

    private static final Logger log = LoggerFactory.getLogger(FeedCatchUp.class);
    private final SocketRegistry registry;
    private final FeedCursors cursors;
    private final FeedReader reader;
    private final LiveFeed live;
    private final int pageSize;

    public FeedCatchUp(SocketRegistry registry, FeedCursors cursors, FeedReader reader, LiveFeed live, int pageSize) {
        this.registry = registry;
        this.cursors = cursors;
        this.reader = reader;
        this.live = live;
        this.pageSize = pageSize;
    }

    /** Never throws: it runs on a fixed-rate task. */
    public void run() {
        try {
            for (ClientSocket socket : List.copyOf(registry.all())) {
                FeedCursor cursor = socket.connected() ? cursors.of(socket) : null;
                if (cursor == null) {
                    continue;
                }
                long sent = cursor.lastSent();
                if (sent < 0) {
                    continue; // still replaying
                }
                String userId = socket.user().userId();
                reader.head(userId).filter(head -> head.seq() > sent && (cursor.epoch() == null || head.epoch().equals(cursor.epoch()))).ifPresent(head -> {
                    List<FeedEntry> missing = reader.page(userId, sent, head.seq(), pageSize);
                    if (!missing.isEmpty()) {
                        live.committed(missing);
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("feed catch-up failed: {}", e.toString());
        }
    }
}
