package dev.tally.platform.privacy;

import dev.tally.api.expense.TransactionRecorded;
import dev.tally.platform.eventstore.EventSerialization;
import dev.tally.platform.test.PostgresTestDatabase;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;

/**
 * What the encryption of personal data costs, in CPU time of this thread per operation (a shared machine's other load
 * does not count): writing an expense's event as a command does, and reading it as a replay does, with the plain
 * Jackson serializer and with {@link PersonalDataSerializer} (data key cached, as in a running process). Not a test: run
 * by {@code bench/run.sh privacy} (docs/benchmarks.md).
 */
@EnabledIfSystemProperty(named = "tally.bench.privacy", matches = "true")
class PersonalDataCost {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    @Test
    void cpuPerEventWithAndWithoutEncryption() {
        int ops = Integer.getInteger("tally.bench.ops", 200_000);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_platform_test") + "_privacy_cost"));
        dataSource.setUser(PostgresTestDatabase.user());
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().clean();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").table("flyway_history_eventstore").load().migrate();
        DataKeys keys = new DataKeys(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource), DataKeys::newKey, Clock.systemUTC());
        Serializer plain = EventSerialization.serializer();
        Serializer sealed = new PersonalDataSerializer(EventSerialization.serializer(), keys);
        TransactionRecorded event = new TransactionRecorded("t-01a2407d-f4cc-7551-beec-b82a492765b6", "u-ce904cb6-e5e7-4b00-bf0f-c61ac7aa8e5a",
                PersonalDataSerializerTest.LUNCH);

        for (int round = 0; round < 3; round++) { // the last round counts: JIT warmed up by the first two
            double plainWrite = perOp(ops, () -> plain.serialize(event, byte[].class));
            double sealedWrite = perOp(ops, () -> sealed.serialize(event, byte[].class));
            SerializedObject<byte[]> plainStored = plain.serialize(event, byte[].class);
            SerializedObject<byte[]> sealedStored = sealed.serialize(event, byte[].class);
            double plainRead = perOp(ops, () -> plain.deserialize(plainStored));
            double sealedRead = perOp(ops, () -> sealed.deserialize(sealedStored));
            System.out.printf("round %d, %d ops each, CPU µs per TransactionRecorded (3 personal fields): "
                            + "write plain %.2f, encrypted %.2f (+%.2f); read plain %.2f, decrypted %.2f (+%.2f); stored bytes %d → %d%n",
                    round, ops, plainWrite, sealedWrite, sealedWrite - plainWrite, plainRead, sealedRead, sealedRead - plainRead,
                    plainStored.getData().length, sealedStored.getData().length);
        }
    }

    private static double perOp(int ops, Runnable op) {
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < ops; i++) {
            op.run();
        }
        return (CPU.getCurrentThreadCpuTime() - start) / 1000.0 / ops;
    }
}
