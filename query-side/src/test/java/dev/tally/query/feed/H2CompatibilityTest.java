package dev.tally.query.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedEvent;
import dev.tally.api.feed.FeedListener;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.tally.query.currency.ExchangeRateProjection;
import dev.tally.query.currency.ExchangeRates;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Standalone runs on H2 in PostgreSQL mode: query-side's schema and the feed's hand-written SQL must run there too. */
class H2CompatibilityTest {

    private record N(int n) {
    }

    private static final FeedEvent<N> X = new FeedEvent<>("x", N.class, false, n -> "n" + n.n());
    private static final FeedEvent<N> S = new FeedEvent<>("s", N.class, true, n -> "k");

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

        // the feed's own statements: heads created and locked, entries written, state updates computed at commit
        List<FeedEntry> signalled = new ArrayList<>();
        DefaultListableBeanFactory listeners = new DefaultListableBeanFactory();
        listeners.registerSingleton("listener", (FeedListener) signalled::addAll);
        UserFeed feed = new UserFeed(jdbc, new ObjectMapper(), epoch, new FeedSignals(listeners.getBeanProvider(FeedListener.class)),
                Clock.systemUTC(), new SpringTransactionScope());
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (int round = 1; round <= 2; round++) {
            transaction.executeWithoutResult(tx -> {
                feed.append(7, List.of(new FeedUpdate("u2", X, new N(1)), new FeedUpdate("u1", X, new N(2)),
                        FeedUpdate.state("u1", S, "k", () -> new N(3))));
                feed.append(8, List.of(FeedUpdate.state("u1", S, "k", () -> new N(4))));
            });
        }
        assertThat(signalled).extracting(e -> e.userId() + ":" + e.seq() + ":" + e.event() + ":" + e.stateKey() + ":" + e.payload() + ":" + e.globalIndex())
                .containsExactly("u1:1:x:n2:{\"n\":2}:7", "u1:2:s:k:{\"n\":4}:8", "u2:1:x:n1:{\"n\":1}:7",
                        "u1:3:x:n2:{\"n\":2}:7", "u1:4:s:k:{\"n\":4}:8", "u2:2:x:n1:{\"n\":1}:7");
        assertThat(jdbc.queryForList("SELECT state_key FROM user_feed WHERE user_id = 'u1' ORDER BY seq", String.class))
                .containsExactly("n2", "k", "n2", "k");
        assertThat(jdbc.queryForObject("SELECT seq FROM user_feed_head WHERE user_id = 'u1'", Long.class)).isEqualTo(4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_feed WHERE epoch = ?", Long.class, current)).isEqualTo(6);

        jdbc.update("UPDATE user_feed SET created_at = ? WHERE user_id = 'u1' AND seq = 1", Timestamp.from(Instant.now().minusSeconds(86_400 * 40)));
        assertThat(new FeedRetention(jdbc, new FeedProperties(Duration.ofDays(30), 0, false, "c", 10), Clock.systemUTC()).purge()).isEqualTo(1);
        assertThat(epoch.renew()).isNotEqualTo(current);
        jdbc.update("INSERT INTO expense_member (expense_id, user_id) VALUES ('t1', 'u1')");
        assertThat(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM expense_member WHERE expense_id = ? AND user_id = ?)", Boolean.class, "t1", "u1")).isTrue();

        // the exchange rates' statements: a redelivered rate is ignored, the day's newest wins, an earlier day stands in
        for (int i = 0; i < 2; i++) {
            jdbc.update(ExchangeRateProjection.INSERT, "USD", java.sql.Date.valueOf("2026-12-03"), 9L, new java.math.BigDecimal("1.0856"));
        }
        jdbc.update(ExchangeRateProjection.INSERT, "USD", java.sql.Date.valueOf("2026-12-03"), 11L, new java.math.BigDecimal("1.0857"));
        assertThat(new ExchangeRates(JdbcClient.create(dataSource)).onOrBefore("USD", java.time.LocalDate.of(2026, 12, 5)))
                .contains(new ExchangeRates.Rate(java.time.LocalDate.of(2026, 12, 3), new java.math.BigDecimal("1.0857000000")));
    }
}
