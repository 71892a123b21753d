package dev.tally.query.feed;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Drops feed entries a client can no longer ask for: older than the retention period AND not among the user's
 * last {@code min-entries} (seqs have no gaps, so those are the seqs above head - min-entries).
 */
@Component
public class FeedRetention {

    private static final Logger log = LoggerFactory.getLogger(FeedRetention.class);

    private final JdbcTemplate jdbc;
    private final FeedProperties properties;
    private final Clock clock;

    public FeedRetention(JdbcTemplate jdbc, FeedProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tally.query.feed.retention-interval:PT1H}", initialDelayString = "${tally.query.feed.retention-interval:PT1H}")
    public int purge() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(properties.retention()));
        int deleted = jdbc.update("""
                DELETE FROM user_feed f WHERE f.created_at < ?
                  AND f.seq <= (SELECT h.seq - ? FROM user_feed_head h WHERE h.user_id = f.user_id)""",
                cutoff, properties.minEntries());
        if (deleted > 0) {
            log.info("Feed retention removed {} entries older than {}", deleted, cutoff);
        }
        return deleted;
    }
}
