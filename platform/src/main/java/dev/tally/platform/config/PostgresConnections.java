package dev.tally.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.platform.eventstore.AppendOrigin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The pool's PostgreSQL connections, as the product sets them up: JDBC batches of inserts go out as multi-row inserts
 * ({@code reWriteBatchedInserts}: a group commit's events, a projection batch's rows and feed entries each cost the
 * server one statement instead of one per row), each connection says which process it belongs to
 * ({@link AppendOrigin}), for the append notification, and each prepared statement is planned for the tables as they
 * are when it runs ({@code plan_cache_mode=force_custom_plan}).
 * <p>
 * Why the last: PostgreSQL plans a prepared statement once for any parameters after a few runs and keeps that generic
 * plan until the table's statistics change. A lookup of several keys ({@code transaction_id IN (…)}), first planned
 * while its table held a page or two, is a sequential scan in that plan, and on a server without autovacuum (or before
 * its first analyse) it stays one while the table grows: measured, the read side's check for redelivered expenses took
 * 64 ms a batch after a minute of load and the whole read side fell behind. Planning each run costs the server about
 * 20 µs a statement.
 */
class PostgresConnections implements BeanPostProcessor {

    private static final String PLANNED_WHEN_RUN = "-c plan_cache_mode=force_custom_plan";

    private final ObjectProvider<AppendOrigin> thisProcess;

    PostgresConnections(ObjectProvider<AppendOrigin> thisProcess) {
        this.thisProcess = thisProcess;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
            dataSource.addDataSourceProperty("options", thisProcess.getObject().connectionOptions() + " " + PLANNED_WHEN_RUN);
        }
        return bean;
    }
}
