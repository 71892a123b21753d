package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Optional;

/** Reads the per-user feed the query side writes ({@code user_feed}, {@code user_feed_head}); never writes it. */
public class FeedReader {

    /** A user's feed position: the last seq handed out and the feed's epoch. */
    public record Head(long seq, String epoch) {
    }

    private static final RowMapper<FeedEntry> ENTRY = (rs, i) -> new FeedEntry(rs.getString("user_id"), rs.getLong("seq"),
            rs.getString("epoch"), rs.getString("event"), rs.getString("state_key"), rs.getString("payload"), rs.getLong("global_index"),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcTemplate jdbc;

    public FeedReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Head> head(String userId) {
        return jdbc.query("SELECT seq, epoch FROM user_feed_head WHERE user_id = ?",
                (rs, i) -> new Head(rs.getLong("seq"), rs.getString("epoch")), userId).stream().findFirst();
    }

    /** Heads of many users in one round trip (the periodic catch-up). */
    public java.util.Map<String, Head> heads(java.util.Collection<String> userIds) {
        java.util.Map<String, Head> heads = new java.util.HashMap<>();
        if (userIds.isEmpty()) {
            return heads;
        }
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("SELECT user_id, seq, epoch FROM user_feed_head WHERE user_id = ANY (?)");
            statement.setArray(1, connection.createArrayOf("varchar", userIds.toArray()));
            return statement;
        }, rs -> {
            heads.put(rs.getString("user_id"), new Head(rs.getLong("seq"), rs.getString("epoch")));
        });
        return heads;
    }

    /** The oldest seq still retained for the user, if any. */
    public Optional<Long> oldestSeq(String userId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT MIN(seq) FROM user_feed WHERE user_id = ?", Long.class, userId));
    }

    /** Entries after {@code afterSeq} up to {@code toSeq} inclusive, in seq order, at most {@code limit}. */
    public List<FeedEntry> page(String userId, long afterSeq, long toSeq, int limit) {
        return jdbc.query("SELECT user_id, seq, epoch, event, state_key, payload, global_index, created_at FROM user_feed "
                + "WHERE user_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?", ENTRY, userId, afterSeq, toSeq, limit);
    }
}
