package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    private static final int CHUNK = 500;
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
            // per user, the least any of their sockets was sent (sockets still replaying are skipped)
            Map<String, Long> sentByUser = new HashMap<>();
            Map<String, String> epochByUser = new HashMap<>();
            for (ClientSocket socket : List.copyOf(registry.all())) {
                FeedCursor cursor = socket.connected() ? cursors.of(socket) : null;
                long sent = cursor == null ? -1 : cursor.lastSent();
                if (sent >= 0) {
                    sentByUser.merge(socket.user().userId(), sent, Math::min);
                    if (cursor.epoch() != null) {
                        epochByUser.put(socket.user().userId(), cursor.epoch());
                    }
                }
            }
            List<String> users = List.copyOf(sentByUser.keySet());
            for (int from = 0; from < users.size(); from += CHUNK) {
                Map<String, FeedReader.Head> heads = reader.heads(users.subList(from, Math.min(users.size(), from + CHUNK)));
                heads.forEach((userId, head) -> {
                    long sent = sentByUser.get(userId);
                    String epoch = epochByUser.get(userId);
                    if (head.seq() > sent && (epoch == null || epoch.equals(head.epoch()))) {
                        List<FeedEntry> missing = reader.page(userId, sent, head.seq(), pageSize);
                        if (!missing.isEmpty()) {
                            live.committed(missing); // the cursors drop what they already sent
                        }
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("feed catch-up failed: {}", e.toString());
        }
    }
}
