package dev.tally.platform.eventstore;

import dev.tally.platform.config.EventStoreAutoConfiguration;
import dev.tally.platform.test.PostgresTestDatabase;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events another process appends reach this process's event store at once, not at its next poll: the poll here is a
 * minute apart, so only the PostgreSQL notification can deliver the event within the wait.
 */
class EventStoreWakeUpTest {

    private static final long ONE_MINUTE = TimeUnit.MINUTES.toMillis(1);

    // its own database per run (-Dtally.test.db): sessions testing side by side would clean each other's store
    private final String url = PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_platform_test") + "_wakeup");
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private WakeableEventStore thisProcess;
    private EventStoreWakeUp wakeUp;
    private TrackingEventStream stream;

    @BeforeEach
    void store() {
        dataSource.setUrl(url);
        dataSource.setUser(PostgresTestDatabase.user());
        Flyway.configure().dataSource(dataSource).cleanDisabled(false)
                .locations("classpath:db/eventstore", "classpath:db/eventstore-postgresql")
                .table("flyway_history_eventstore").load().clean();
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/eventstore", "classpath:db/eventstore-postgresql")
                .table("flyway_history_eventstore").load().migrate();
        thisProcess = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(engine()).fetchDelay(ONE_MINUTE));
        stream = thisProcess.openStream(null);
    }

    @AfterEach
    void stop() {
        if (wakeUp != null) {
            wakeUp.stop();
        }
        stream.close();
        thisProcess.shutDown();
    }

    @Test
    void anEventAppendedByAnotherProcessIsSeenWithoutWaitingForThePoll() throws Exception {
        wakeUp = new EventStoreWakeUp(thisProcess, url, PostgresTestDatabase.user(), "");
        wakeUp.start();
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isFalse(); // an empty store; the listener is up by now

        engine().appendEvents(new GenericDomainEventMessage<>("Account", "acc-1", 0, "appended elsewhere"));

        assertThat(stream.hasNextAvailable(20, TimeUnit.SECONDS)).isTrue();
        TrackedEventMessage<?> event = stream.nextAvailable();
        assertThat(event.getPayload()).isEqualTo("appended elsewhere");
    }

    @Test
    void withoutTheListenerTheSameEventWaitsForThePoll() throws Exception {
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isFalse();

        engine().appendEvents(new GenericDomainEventMessage<>("Account", "acc-2", 0, "appended elsewhere"));

        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isFalse();
    }

    /** A storage engine of its own, as another process has. */
    private JdbcEventStorageEngine engine() {
        ConnectionProvider connections = dataSource::getConnection;
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(new EventStoreAutoConfiguration().eventSchema())
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.serializer())
                .dataType(byte[].class)
                .build();
    }
}
