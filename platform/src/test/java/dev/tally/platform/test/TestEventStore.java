package dev.tally.platform.test;

import dev.tally.platform.config.EventStoreAutoConfiguration;
import dev.tally.platform.eventstore.EventSerialization;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** An event store of the product's schema in a database of a test's own, emptied for each test. */
public final class TestEventStore {

    private TestEventStore() {
    }

    /** The database {@code name} (created on first use) holding an empty event store. */
    public static PGSimpleDataSource emptied(String name) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresTestDatabase.url(name));
        dataSource.setUser(PostgresTestDatabase.user());
        Flyway flyway = Flyway.configure().dataSource(dataSource).cleanDisabled(false)
                .locations("classpath:db/eventstore").table("flyway_history_eventstore").load();
        flyway.clean();
        flyway.migrate();
        return dataSource;
    }

    /** Axon's JDBC engine on it as the product configures it (schema, serialisation), each statement on its own. */
    public static JdbcEventStorageEngine.Builder engine(PGSimpleDataSource dataSource) {
        return JdbcEventStorageEngine.builder().connectionProvider(dataSource::getConnection)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventStoreAutoConfiguration().eventSchema())
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .dataType(byte[].class);
    }
}
