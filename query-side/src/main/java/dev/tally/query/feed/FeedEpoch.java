package dev.tally.query.feed;

import dev.tally.platform.id.Ids;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;


/** The feed's epoch: the same until a rebuild, which gives every user's feed a new one. */
@Component
public class FeedEpoch {

    private final JdbcTemplate jdbc;

    public FeedEpoch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        // random, so a database created afresh never repeats an epoch a client still holds
        jdbc.update("INSERT INTO feed_epoch (id, epoch) VALUES (1, ?) ON CONFLICT DO NOTHING", newEpoch());
    }

    public String current() {
        return jdbc.queryForObject("SELECT epoch FROM feed_epoch WHERE id = 1", String.class);
    }

    /** Starts a new epoch for everyone; call inside the rebuild's transaction. */
    public String renew() {
        String epoch = newEpoch();
        jdbc.update("UPDATE feed_epoch SET epoch = ? WHERE id = 1", epoch);
        jdbc.update("UPDATE user_feed_head SET epoch = ?", epoch);
        return epoch;
    }

    private static String newEpoch() {
        return Ids.next();
    }
}
