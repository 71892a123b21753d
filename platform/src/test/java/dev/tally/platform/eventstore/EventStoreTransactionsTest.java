package dev.tally.platform.eventstore;

import dev.tally.platform.test.TestEventStore;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store's reads run as plain statements, its writes in a transaction: wired as the product wires it (Spring's
 * transaction manager, connections bound to the transaction) on a real PostgreSQL, counting the transactions begun.
 */
class EventStoreTransactionsTest {

    private final AtomicInteger begun = new AtomicInteger();
    private TransactionTemplate callerTransaction;
    private JdbcTemplate jdbc;
    private TailingJdbcEventStorageEngine engine;

    @BeforeEach
    void store() {
        PGSimpleDataSource database = TestEventStore.emptied(System.getProperty("tally.test.db", "tally_platform_test") + "_transactions");
        DataSource dataSource = countingTransactions(database);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        callerTransaction = new TransactionTemplate(transactions);
        jdbc = new JdbcTemplate(database);
        engine = new TailingJdbcEventStorageEngine(TestEventStore.engine(database).connectionProvider(new SpringDataSourceConnectionProvider(dataSource)),
                new SpringTransactionManager(transactions));
    }

    @Test
    void readsBeginNoTransaction() {
        engine.appendEvents(List.of(event("a", 0, "opened"), event("a", 1, "posted")));
        begun.set(0);

        try (Stream<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false)) {
            assertThat(tracked.<Object>map(TrackedEventMessage::getPayload)).containsExactly("opened", "posted");
        }
        DomainEventStream stream = engine.readEvents("a");
        assertThat(stream.asStream().<Object>map(e -> e.getPayload())).containsExactly("opened", "posted");
        assertThat(engine.lastSequenceNumberFor("a")).contains(1L);
        assertThat(begun).as("transactions begun by reads").hasValue(0);
    }

    @Test
    void anAppendIsOneTransaction() {
        engine.appendEvents(List.of(event("a", 0, "opened"), event("a", 1, "posted")));

        assertThat(begun).hasValue(1);
        assertThat(stored()).isEqualTo(2);
    }

    @Test
    void aBatchThatFailsHalfwayStoresNothing() {
        engine.appendEvents(List.of(event("a", 0, "opened")));

        assertThatThrownBy(() -> engine.appendEvents(List.of(event("a", 1, "posted"), event("a", 0, "opened again"))))
                .isNotNull();
        assertThat(stored()).as("the first event of the refused batch is not kept").isEqualTo(1);
    }

    @Test
    void anAppendJoinsTheCallersTransactionAndGoesWithIt() {
        callerTransaction.executeWithoutResult(status -> {
            engine.appendEvents(List.of(event("a", 0, "opened")));
            status.setRollbackOnly();
        });

        assertThat(begun).as("only the caller's").hasValue(1);
        assertThat(stored()).isZero();
    }

    @Test
    void aSnapshotIsStoredInATransaction() {
        engine.appendEvents(List.of(event("a", 0, "opened"), event("a", 1, "posted")));
        begun.set(0);

        engine.storeSnapshot(new GenericDomainEventMessage<>("Account", "a", 1, "snapshot"));

        assertThat(begun).hasValue(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry", Integer.class)).isEqualTo(1);
    }

    private int stored() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
    }

    private static GenericDomainEventMessage<String> event(String aggregate, long sequence, String payload) {
        return new GenericDomainEventMessage<>("Account", aggregate, sequence, payload);
    }

    /** The database, counting every transaction begun on its connections (a connection leaving auto-commit). */
    private DataSource countingTransactions(PGSimpleDataSource database) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class}, (proxy, method, args) -> {
            Object result = invoke(database, method, args);
            if (result instanceof Connection connection) {
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class}, (p, m, a) -> {
                    if (m.getName().equals("setAutoCommit") && a[0].equals(false) && connection.getAutoCommit()) {
                        begun.incrementAndGet();
                    }
                    return invoke(connection, m, a);
                });
            }
            return result;
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
