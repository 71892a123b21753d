package dev.tally.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.platform.eventstore.AppendOrigin;
import dev.tally.platform.test.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The product's pool on PostgreSQL: batched inserts rewritten, and every connection names this process as it appends. */
class PostgresConnectionsTest {

    @Test
    void batchedInsertsAreRewrittenAndEveryPooledConnectionCarriesThisProcesssOrigin() {
        AppendOrigin thisProcess = AppendOrigin.random();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("origin", thisProcess);
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_platform_test") + "_pool"));
            pool.setUsername(PostgresTestDatabase.user());
            new PostgresConnections(beans.getBeanProvider(AppendOrigin.class)).postProcessBeforeInitialization(pool, "dataSource");

            JdbcTemplate jdbc = new JdbcTemplate(pool);
            assertThat(jdbc.queryForObject("SELECT current_setting('" + AppendOrigin.SETTING + "')", String.class)).isEqualTo(thisProcess.id());
            assertThat(pool.getDataSourceProperties()).containsEntry("reWriteBatchedInserts", "true");
        }
    }
}
