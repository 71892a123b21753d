package dev.tally.platform.eventstore;

import dev.tally.platform.test.CountedStatements;
import dev.tally.platform.test.TestEventStore;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's tailing reader stops at a batch that was not full; every other read still reads until a fetch is
 * empty, across gaps in the index; and the event store built on it delivers everything, gaps or not.
 */
class TailingJdbcEventStorageEngineTest {

    private PGSimpleDataSource dataSource;
    private CountingEngine engine;
    private final AtomicInteger statements = new AtomicInteger();

    /** Counts the fetches, each a transaction against the database. */
    static final class CountingEngine extends TailingJdbcEventStorageEngine {
        int fetches;

        CountingEngine(JdbcEventStorageEngine.Builder builder) {
            super(builder, NoTransactionManager.INSTANCE);
        }

        @Override
        protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
            fetches++;
            return super.fetchTrackedEvents(lastToken, batchSize);
        }
    }

    @BeforeEach
    void store() {
        dataSource = TestEventStore.emptied(System.getProperty("tally.test.db", "tally_platform_test") + "_tailing");
        engine = new CountingEngine(TestEventStore.engine(dataSource).batchSize(2)
                .connectionProvider(CountedStatements.counting(dataSource, statements)::getConnection));
    }

    @Test
    void theTailingReadStopsAtABatchThatWasNotFull() {
        TrackingToken start = first();
        append("1", "2", "3", "4", "5");
        assertThat(payloads(engine.readEvents(start, true))).containsExactly("1", "2", "3", "4", "5");
        assertThat(engine.fetches).isEqualTo(3); // 2 + 2 + 1, and no fetch to find nothing
    }

    @Test
    void aFullLastBatchIsFollowedByOneFetchThatFindsNothing() {
        TrackingToken start = first();
        append("1", "2", "3", "4");
        assertThat(payloads(engine.readEvents(start, true))).containsExactly("1", "2", "3", "4");
        assertThat(engine.fetches).isEqualTo(3); // 2 + 2 + 0
    }

    @Test
    void everyOtherReadGoesOnUntilAFetchIsEmptyAcrossGaps() throws SQLException {
        TrackingToken start = first();
        append("1", "2");
        burnIndexes(1); // a transaction that rolled back leaves a hole: the next window of two holds it and one event
        append("3", "4", "5");
        assertThat(payloads(engine.readEvents(start, false))).containsExactly("1", "2", "3", "4", "5");

        assertThat(payloads(engine.readEvents(start, true))).as("the tailing read stops at the short batch around the hole")
                .containsExactly("1", "2", "3");
    }

    @Test
    void aFetchIsOneStatementWhetherItFindsNothingOrAnEventPastAHoleWiderThanABatch() throws SQLException {
        TrackingToken start = first();
        statements.set(0);
        assertThat(payloads(engine.readEvents(start, true))).isEmpty();
        assertThat(statements).as("nothing after the token: no second query to look past a hole").hasValue(1);

        burnIndexes(5); // appends that rolled back: a hole wider than a batch of two
        append("1");
        statements.set(0);
        assertThat(payloads(engine.readEvents(start, true))).containsExactly("1");
        assertThat(statements).as("the window reaches the event past the hole by itself").hasValue(1);
        assertThat(payloads(engine.readEvents(null, false))).as("from no position at all too").containsExactly("0", "1");
    }

    @Test
    void theEventStoreOnItDeliversEverythingAcrossGaps() throws Exception {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(50).build();
        TrackingToken start = first();
        try (var stream = store.openStream(start)) {
            append("1", "2");
            burnIndexes(1);
            append("3", "4", "5");
            burnIndexes(3); // a hole wider than a batch
            append("6");
            List<Object> seen = new ArrayList<>();
            while (seen.size() < 6 && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                seen.add(stream.nextAvailable().getPayload());
            }
            assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6");
        } finally {
            store.shutDown();
        }
    }

    /** A first event, and the position after it: Axon's first window from no position at all is short by design. */
    private TrackingToken first() {
        append("0");
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(null, false)) {
            TrackingToken token = events.findFirst().orElseThrow().trackingToken();
            engine.fetches = 0;
            return token;
        }
    }

    private void append(String... payloads) {
        engine.appendEvents(Stream.of(payloads).map(GenericEventMessage::asEventMessage).toList());
    }

    private void burnIndexes(int count) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < count; i++) {
                statement.execute("SELECT nextval('domain_event_entry_global_index_seq')");
            }
        }
    }

    private static List<Object> payloads(Stream<? extends TrackedEventMessage<?>> events) {
        try (events) {
            return events.map(TrackedEventMessage::getPayload).map(Object.class::cast).toList();
        }
    }
}
