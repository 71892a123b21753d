package dev.tally.query.feed;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.sql.Timestamp;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Standalone runs on H2 in PostgreSQL mode: query-side's schema and the feed's hand-written SQL must run there too. */
class H2CompatibilityTest {

    @Test
    void schemaAndFeedStatementsRunOnH2() {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:query-h2;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        for (String[] schema : new String[][]{{"eventstore", "classpath:db/eventstore"}, {"feed", "classpath:db/feed"}, {"query", "classpath:db/query"}}) {
            Flyway.configure().dataSource(dataSource).locations(schema[1]).table("flyway_history_" + schema[0])
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        FeedEpoch epoch = new FeedEpoch(jdbc);
        new FeedEpoch(jdbc); // a second start keeps the epoch
        String current = epoch.current();
        jdbc.update("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, 0, ?) ON CONFLICT DO NOTHING", "u1", current);
        jdbc.update("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, 0, ?) ON CONFLICT DO NOTHING", "u1", current);
        assertThat(jdbc.queryForObject("SELECT seq FROM user_feed_head WHERE user_id = ? FOR UPDATE", Long.class, "u1")).isZero();
        jdbc.update("INSERT INTO user_feed (user_id, seq, epoch, event, payload, global_index, created_at) VALUES ('u1', 1, ?, 'x', '{}', 0, ?)",
                current, Timestamp.from(Instant.now().minusSeconds(86_400 * 40)));
        jdbc.update("UPDATE user_feed_head SET seq = 1 WHERE user_id = 'u1'");
        assertThat(new FeedRetention(jdbc, new dev.tally.query.config.QueryProperties(
                new dev.tally.query.config.QueryProperties.Feed(java.time.Duration.ofDays(30), 0, false, "c", 10),
                new dev.tally.query.config.QueryProperties.Projections(1, 1, false, null)), java.time.Clock.systemUTC()).purge()).isEqualTo(1);
        assertThat(epoch.renew()).isNotEqualTo(current);
        jdbc.update("INSERT INTO expense_member (expense_id, user_id) VALUES ('t1', 'u1')");
        assertThat(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM expense_member WHERE expense_id = ? AND user_id = ?)", Boolean.class, "t1", "u1")).isTrue();
    }
}
