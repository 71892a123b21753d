package dev.tally.gateway.support;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** Appends to the per-user feed the way the query side does (head row locked, seq + 1) and signals after commit. */
public class TestFeed {

    public static final String EPOCH = "e1";
    private final JdbcTemplate jdbc;
    private final FeedListener listener;

    public TestFeed(JdbcTemplate jdbc, FeedListener listener) {
        this.jdbc = jdbc;
        this.listener = listener;
    }

    /** Appends and signals the live listener. */
    public FeedEntry append(String userId, String event, String payload) {
        return append(userId, event, null, payload);
    }

    /** Appends an entry about the thing {@code stateKey} names and signals the live listener. */
    public FeedEntry append(String userId, String event, String stateKey, String payload) {
        FeedEntry entry = appendSilently(userId, event, stateKey, payload);
        listener.committed(List.of(entry));
        return entry;
    }

    /** Appends without a live signal (a lost signal, or while the user was offline). */
    public FeedEntry appendSilently(String userId, String event, String payload) {
        return appendSilently(userId, event, null, payload);
    }

    /** Appends an entry about the thing {@code stateKey} names without a live signal. */
    public FeedEntry appendSilently(String userId, String event, String stateKey, String payload) {
        var head = jdbc.queryForMap("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, 1, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET seq = user_feed_head.seq + 1 RETURNING seq, epoch", userId, EPOCH);
        long seq = ((Number) head.get("seq")).longValue();
        String epoch = (String) head.get("epoch");
        Instant now = Instant.now();
        jdbc.update("INSERT INTO user_feed (user_id, seq, epoch, event, state_key, payload, global_index, created_at) VALUES (?,?,?,?,?,?,?,?)",
                userId, seq, epoch, event, stateKey, payload, seq, Timestamp.from(now));
        return new FeedEntry(userId, seq, epoch, event, stateKey, payload, seq, now);
    }

    /**
     * Appends {@code count} entries in one statement without live signals (a long time offline), each with the payload
     * {@code {"n":<seq>,"pad":"xx…"}} padded by {@code padChars}; returns the last seq.
     */
    public long appendManySilently(String userId, String event, int count, int padChars) {
        long last = jdbc.queryForObject("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, ?, ?) "
                + "ON CONFLICT (user_id) DO UPDATE SET seq = user_feed_head.seq + EXCLUDED.seq RETURNING seq", Long.class,
                userId, count, EPOCH);
        jdbc.update("INSERT INTO user_feed (user_id, seq, epoch, event, payload, global_index, created_at) "
                + "SELECT ?, s, h.epoch, ?, '{\"n\":' || s || ',\"pad\":\"' || repeat('x', ?) || '\"}', s, now() "
                + "FROM user_feed_head h, generate_series(? - ? + 1, ?) s WHERE h.user_id = ?",
                userId, event, padChars, last, count, last, userId);
        return last;
    }

    /** The feed was rebuilt: a new epoch, seq restarting. */
    public void rebuild(String userId, String epoch) {
        jdbc.update("DELETE FROM user_feed WHERE user_id = ?", userId);
        jdbc.update("UPDATE user_feed_head SET seq = 0, epoch = ? WHERE user_id = ?", epoch, userId);
    }

    /** Retention removed entries up to {@code seq}. */
    public void purge(String userId, long upToSeq) {
        jdbc.update("DELETE FROM user_feed WHERE user_id = ? AND seq <= ?", userId, upToSeq);
    }

    public void signal(List<FeedEntry> entries) {
        listener.committed(entries);
    }
}
