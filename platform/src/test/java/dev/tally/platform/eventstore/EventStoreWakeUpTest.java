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
 * minute apart, so only the PostgreSQL notification can deliver the event within the wait. The notification of its own
 * appends does not wake it (its commits wake it in-process).
 */
class EventStoreWakeUpTest {

    private static final long ONE_MINUTE = TimeUnit.MINUTES.toMillis(1);

    // its own database per run (-Dtally.test.db): sessions testing side by side would clean each other's store
    private final String url = PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_platform_test") + "_wakeup");
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final AppendOrigin thisOrigin = AppendOrigin.random();
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
        thisProcess = new WakeableEventStore(EmbeddedEventStore.builder().storageEngine(engine(dataSource)).fetchDelay(ONE_MINUTE));
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
        listening();

        engine(dataSource).appendEvents(new GenericDomainEventMessage<>("Account", "acc-1", 0, "appended elsewhere"));

        assertThat(stream.hasNextAvailable(20, TimeUnit.SECONDS)).isTrue();
        TrackedEventMessage<?> event = stream.nextAvailable();
        assertThat(event.getPayload()).isEqualTo("appended elsewhere");
    }

    @Test
    void withoutTheListenerTheSameEventWaitsForThePoll() throws Exception {
        assertThat(stream).as("its streams wait in slices, which a consumer on the cache does not notice")
                .isInstanceOf(SlicedWaitStream.class);
        assertThat(stream.hasNextAvailable(2, TimeUnit.SECONDS)).isFalse();

        engine(dataSource).appendEvents(new GenericDomainEventMessage<>("Account", "acc-2", 0, "appended elsewhere"));

        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void theNotificationOfItsOwnAppendIsSkippedAndAnothersStillWakesIt() throws Exception {
        listening();
        PGSimpleDataSource ownConnections = new PGSimpleDataSource();
        ownConnections.setUrl(url);
        ownConnections.setUser(PostgresTestDatabase.user());
        ownConnections.setOptions(thisOrigin.connectionOptions()); // as its pool's connections are set up

        engine(ownConnections).appendEvents(new GenericDomainEventMessage<>("Account", "acc-3", 0, "appended here"));
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).as("left to the in-process wake, absent here, or the poll").isFalse();

        engine(dataSource).appendEvents(new GenericDomainEventMessage<>("Account", "acc-4", 0, "appended elsewhere"));
        assertThat(stream.hasNextAvailable(20, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("appended here");
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("appended elsewhere");
    }

    private void listening() throws InterruptedException {
        wakeUp = new EventStoreWakeUp(thisProcess, thisOrigin, url, PostgresTestDatabase.user(), "");
        wakeUp.start();
        assertThat(stream.hasNextAvailable(5, TimeUnit.SECONDS)).isFalse(); // an empty store; the listener is up by now
    }

    /** A storage engine on {@code database}, as a process has. */
    private JdbcEventStorageEngine engine(PGSimpleDataSource database) {
        ConnectionProvider connections = database::getConnection;
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
