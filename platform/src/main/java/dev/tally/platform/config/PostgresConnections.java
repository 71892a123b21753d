package dev.tally.platform.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.tally.platform.eventstore.AppendOrigin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * The pool's PostgreSQL connections, as the product sets them up: JDBC batches of inserts go out as multi-row inserts
 * ({@code reWriteBatchedInserts}: a group commit's events, a projection batch's rows and feed entries each cost the
 * server one statement instead of one per row), and each connection says which process it belongs to
 * ({@link AppendOrigin}), for the append notification.
 */
class PostgresConnections implements BeanPostProcessor {

    private final ObjectProvider<AppendOrigin> thisProcess;

    PostgresConnections(ObjectProvider<AppendOrigin> thisProcess) {
        this.thisProcess = thisProcess;
    }

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null
                && dataSource.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
            dataSource.addDataSourceProperty("options", thisProcess.getObject().connectionOptions());
        }
        return bean;
    }
}
