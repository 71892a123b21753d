package dev.tally.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.platform.eventstore.AppendOrigin;
import dev.tally.platform.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collections;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The product's pool on PostgreSQL: batched inserts rewritten, and every connection names this process as it appends
 * and plans each statement when it runs.
 */
class PostgresConnectionsTest {

    /**
     * A lookup of several keys first run while its table held a page of rows, then after the table grew (no analyse
     * between, as on a server without autovacuum): it reads the key's index, not the whole table as the plan PostgreSQL
     * would otherwise have cached for it from the first runs.
     */
    @Test
    void aLookupOfSeveralKeysFirstRunOnASmallTableReadsTheIndexOnceTheTableHasGrown() {
        try (HikariDataSource pool = productPool(AppendOrigin.random())) {
            pool.setMaximumPoolSize(1); // one connection: the one that cached the statement runs it again
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            jdbc.execute("DROP TABLE IF EXISTS keyed_lookup");
            jdbc.execute("CREATE TABLE keyed_lookup (id VARCHAR(64) PRIMARY KEY, note VARCHAR(200))");
            jdbc.update("INSERT INTO keyed_lookup SELECT 'k' || n, 'note' FROM generate_series(1, 30) n");
            String lookup = "SELECT id FROM keyed_lookup WHERE id IN (" + String.join(", ", Collections.nCopies(20, "?")) + ")";
            Object[] keys = IntStream.rangeClosed(1, 20).mapToObj(n -> "k" + n).toArray();
            for (int run = 0; run < 12; run++) { // past the driver's threshold to prepare it and the server's to cache a plan
                assertThat(jdbc.queryForList(lookup, String.class, keys)).hasSize(20);
            }
            jdbc.update("INSERT INTO keyed_lookup SELECT 'k' || n, 'note' FROM generate_series(31, 50000) n");
            JdbcClient stats = JdbcClient.create(pool);
            long scannedBefore = PostgresTestDatabase.rowsReadBySequentialScans(stats, "keyed_lookup");

            assertThat(jdbc.queryForList(lookup, String.class, keys)).hasSize(20);

            assertThat(PostgresTestDatabase.rowsReadBySequentialScans(stats, "keyed_lookup") - scannedBefore)
                    .as("rows read by sequential scans").isLessThan(1_000);
        }
    }

    private static HikariDataSource productPool(AppendOrigin origin) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("origin", origin);
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_platform_test") + "_pool"));
        pool.setUsername(PostgresTestDatabase.user());
        new PostgresConnections(beans.getBeanProvider(AppendOrigin.class)).postProcessBeforeInitialization(pool, "dataSource");
        return pool;
    }

    @Test
    void batchedInsertsAreRewrittenAndEveryPooledConnectionCarriesThisProcesssOriginAndPlansEachStatementWhenItRuns() {
        AppendOrigin thisProcess = AppendOrigin.random();
        try (HikariDataSource pool = productPool(thisProcess)) {
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            assertThat(jdbc.queryForObject("SELECT current_setting('" + AppendOrigin.SETTING + "')", String.class)).isEqualTo(thisProcess.id());
            assertThat(jdbc.queryForObject("SHOW plan_cache_mode", String.class)).isEqualTo("force_custom_plan");
            assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
        }
    }
}
