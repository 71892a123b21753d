package dev.tally.platform.eventstore;

import dev.tally.platform.test.PostgresTestDatabase;
import dev.tally.platform.test.TestEventStore;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A processor's lag read from the shared database: where its slowest segment is, how old and how long its backlog. */
class ProcessorLagTest {

    private static final int STORED = 20_000;
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private final Serializer serializer = EventSerialization.serializer();
    private SingleConnectionDataSource connection;
    private JdbcClient jdbc;

    /** One connection, as a pooled one: what it plans and caches stays, and its statistics can be flushed on demand. */
    @BeforeEach
    void store() throws SQLException {
        PGSimpleDataSource dataSource = TestEventStore.emptied(System.getProperty("tally.test.db", "tally_platform_test") + "_lag");
        connection = new SingleConnectionDataSource(dataSource.getConnection(), true);
        jdbc = JdbcClient.create(connection);
    }

    /**
     * Events {@code from} to {@code to} as the product stores them (UUIDs, type names, a payload of a few hundred bytes):
     * the n-th (global index n in a fresh table) stored n tenths of a second after 11:00.
     */
    private void append(int from, int to) {
        jdbc.sql("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, payload)
                SELECT md5('e' || n)::uuid::text, md5('a' || n)::uuid::text, 0, 'Account',
                       to_char((timestamptz '2026-12-05T11:00:00Z' + n * interval '0.1 second') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                       'dev.tally.api.expense.TransactionRecorded', convert_to(repeat('x', 600), 'UTF8')
                FROM generate_series(?, ?) n""").params(from, to).update();
    }

    @AfterEach
    void close() {
        connection.destroy();
    }

    @Test
    void readsTheSlowestSegmentsPositionTheAgeOfItsOldestUnappliedEventAndItsBacklog() {
        append(1, STORED);
        long last = lastIndex();
        track("p", 0, last - 10);
        track("p", 1, last - 3);

        ProcessorLag.Reading reading = new ProcessorLag(jdbc, serializer, "p").read(NOW, 1_000).orElseThrow();

        assertThat(reading.slowestPosition()).isEqualTo(last - 10);
        assertThat(reading.backlog()).isEqualTo(10);
        assertThat(reading.lag()).isEqualTo(Duration.between(Instant.parse("2026-12-05T11:00:00Z")
                .plusMillis(100L * (STORED - 9)), NOW));
    }

    @Test
    void theBacklogIsCountedUpToTheLimitAskedFor() {
        append(1, STORED);
        track("p", 0, lastIndex() - 5_000);

        assertThat(new ProcessorLag(jdbc, serializer, "p").read(NOW, 1_000).orElseThrow().backlog()).isEqualTo(1_000);
    }

    @Test
    void aProcessorThatNeverRanHasNoReading() {
        assertThat(new ProcessorLag(jdbc, serializer, "never").read(NOW, 1_000)).isEmpty();
    }

    /**
     * It is read every few hundred milliseconds while commands come in, from the first event on: once the store has
     * grown, counting the events after a position near the head reads them by the index. Unordered, the plan the
     * server cached for it while the store was small read the table from its start until it had counted enough, that
     * is all of it, each time.
     */
    @Test
    void countingTheBacklogNearTheHeadReadsTheIndexOnceTheStoreHasGrown() {
        append(1, 20);
        track("p", 0, 10);
        for (int reading = 0; reading < 15; reading++) { // past the driver's and the server's thresholds for a cached plan
            new ProcessorLag(jdbc, serializer, "p").read(NOW, 1_000);
        }
        append(21, STORED);
        jdbc.sql("UPDATE token_entry SET token = ?").param(token(STORED - 10).getData()).update();
        long scannedBefore = PostgresTestDatabase.rowsReadBySequentialScans(jdbc, "domain_event_entry");

        assertThat(new ProcessorLag(jdbc, serializer, "p").read(NOW, 1_000).orElseThrow().backlog()).isEqualTo(10);

        assertThat(PostgresTestDatabase.rowsReadBySequentialScans(jdbc, "domain_event_entry") - scannedBefore)
                .as("rows of domain_event_entry read by sequential scans").isLessThan(STORED);
    }

    private long lastIndex() {
        return jdbc.sql("SELECT max(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    private SerializedObject<byte[]> token(long position) {
        return serializer.serialize(new GlobalSequenceTrackingToken(position), byte[].class);
    }

    private void track(String processor, int segment, long position) {
        SerializedObject<byte[]> token = token(position);
        jdbc.sql("INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, ?, ?, ?)")
                .params(processor, segment, token.getData(), token.getType().getName()).update();
    }
}
