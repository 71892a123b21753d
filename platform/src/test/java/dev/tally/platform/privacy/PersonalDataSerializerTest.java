package dev.tally.platform.privacy;

import dev.tally.api.expense.ExpenseCommented;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.identity.UserSignedOut;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.importing.StatementImported;
import dev.tally.api.money.Money;
import dev.tally.platform.eventstore.EventSerialization;
import dev.tally.platform.test.PostgresTestDatabase;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The serializer's crypto-shredding on a real PostgreSQL: sealed on the way in, opened on the way out, erased for good. */
class PersonalDataSerializerTest {

    static final TransactionDetails LUNCH = new TransactionDetails(TransactionType.EXPENSE, "a1", null, Money.parse("12.50", "EUR"), "c1",
            LocalDate.of(2026, 11, 5), "Lunch with Zoe", "Cafe Zoe", List.of("zoe"), null);

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final SecretKey master = DataKeys.newKey();
    private JdbcTemplate jdbc;
    private DataKeys keys;
    private PersonalDataSerializer serializer;
    private PersonalDataEraser eraser;

    @BeforeEach
    void store() {
        dataSource.setUrl(PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_platform_test") + "_privacy"));
        dataSource.setUser(PostgresTestDatabase.user());
        Flyway.configure().dataSource(dataSource).cleanDisabled(false).locations("classpath:db/eventstore")
                .table("flyway_history_eventstore").load().clean();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/eventstore").table("flyway_history_eventstore").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        keys = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> master, Clock.systemUTC());
        serializer = new PersonalDataSerializer(EventSerialization.serializer(), keys);
        eraser = new PersonalDataEraser(jdbc, keys, serializer, EventSerialization.objectMapper());
    }

    private String stored(Object event) {
        return new String(serializer.serialize(event, byte[].class).getData(), StandardCharsets.UTF_8);
    }

    private <T> T read(SerializedObject<byte[]> stored) {
        return serializer.deserialize(stored);
    }

    @Test
    void personalFieldsAreStoredSealedAndReadBackAsWritten() {
        TransactionRecorded recorded = new TransactionRecorded("t1", "alice", LUNCH);
        SerializedObject<byte[]> stored = serializer.serialize(recorded, byte[].class);
        String json = new String(stored.getData(), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("Zoe", "zoe").contains("\"description\":\"enc1:", "\"amount\":\"12.50\"", "\"ownerId\":\"alice\"");
        TransactionRecorded back = read(stored);
        assertThat(back).isEqualTo(recorded);
        // nested records in lists, and a subject other than the owner (a comment is its author's)
        StatementImported imported = new StatementImported("i1", "alice", "a1", "CSV", "zoe-bank.csv", 3, 0, List.of(new RefusedRow(2, "Zoe's row")));
        assertThat(stored(imported)).doesNotContain("Zoe", "zoe");
        StatementImported importedBack = read(serializer.serialize(imported, byte[].class));
        assertThat(importedBack).isEqualTo(imported);
        assertThat(stored(new ExpenseCommented("t1", "alice", "k1", "bob", "Thanks Zoe"))).doesNotContain("Zoe");
        assertThat(jdbc.queryForList("SELECT subject_id FROM data_key ORDER BY subject_id", String.class)).containsExactly("alice", "bob");
        // messages without personal data pass as Jackson writes them
        assertThat(stored(new UserSignedOut("alice", "s1"))).isEqualTo("{\"userId\":\"alice\",\"sessionId\":\"s1\"}");
    }

    @Test
    void onceTheKeyIsDestroyedThePersonalFieldsReadAsErasedAndOthersStayReadable() {
        SerializedObject<byte[]> alices = serializer.serialize(new TransactionRecorded("t1", "alice", LUNCH), byte[].class);
        SerializedObject<byte[]> bobs = serializer.serialize(new TransactionRecorded("t2", "bob", LUNCH), byte[].class);

        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> eraser.erase("alice"));

        TransactionRecorded erased = read(alices);
        assertThat(erased.details().description()).isEqualTo("(erased)");
        assertThat(erased.details().merchant()).isEqualTo("(erased)");
        assertThat(erased.details().tags()).isEmpty();
        assertThat(erased.details().amount()).isEqualTo(Money.parse("12.50", "EUR"));
        assertThat(((TransactionRecorded) read(bobs)).details()).isEqualTo(LUNCH);
        // a later event about her is never sealed with a fresh key: it is stored erased
        assertThat(stored(new TransactionRecorded("t3", "alice", LUNCH))).doesNotContain("Zoe", "enc1:").contains("(erased)");
        // another process asks the table: a tombstone
        DataKeys otherProcess = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> master, Clock.systemUTC());
        assertThat(otherProcess.key("alice", false)).isEmpty();
    }

    @Test
    void anInvitationsAddressHasAKeyOfItsOwnAndOneStoredBeforeKeepsItsInvitersKey() {
        SerializedObject<byte[]> invited = serializer.serialize(new GroupMemberInvited("g1", "i1", "alice", "zoe@example.com"), byte[].class);
        assertThat(new String(invited.getData(), StandardCharsets.UTF_8)).doesNotContain("zoe").contains("\"emailSubject\":\"invitation:i1\"");
        // stored before invitations had keys: no emailSubject, the address under the inviter's key
        String before = new String(serializer.serialize(new GroupMemberInvited("g1", "i0", "alice", "ann@example.com", "alice"), byte[].class)
                .getData(), StandardCharsets.UTF_8).replace(",\"emailSubject\":\"alice\"", "");
        SimpleSerializedObject<byte[]> old = new SimpleSerializedObject<>(before.getBytes(StandardCharsets.UTF_8), byte[].class,
                GroupMemberInvited.class.getName(), "1");
        assertThat(before).doesNotContain("ann", "emailSubject");
        assertThat(((GroupMemberInvited) read(old)).email()).isEqualTo("ann@example.com");

        keys.destroy(GroupMemberInvited.emailSubjectOf("i1"));

        assertThat(((GroupMemberInvited) read(invited)).email()).isEqualTo("(erased)");
        assertThat(((GroupMemberInvited) read(old))).isEqualTo(new GroupMemberInvited("g1", "i0", "alice", "ann@example.com", "alice"));
        assertThat(keys.key("alice", false)).isPresent();
    }

    @Test
    void plainTextFromBeforeEncryptionStaysReadableUntilErasureOverwritesIt() {
        byte[] legacy = EventSerialization.serializer().serialize(new TransactionRecorded("t0", "alice", LUNCH), byte[].class).getData();
        jdbc.update("DELETE FROM data_master_key");
        jdbc.update("INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type, "
                + "payload_revision, payload) VALUES ('e0', 't0', 0, 'Transaction', '2026-11-05T00:00:00Z', ?, NULL, ?)",
                TransactionRecorded.class.getName(), legacy);
        DataKeys upgraded = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> master, Clock.systemUTC());
        PersonalDataSerializer reader = new PersonalDataSerializer(EventSerialization.serializer(), upgraded);
        assertThat(upgraded.sealedFrom()).isPositive();
        SimpleSerializedObject<byte[]> old = new SimpleSerializedObject<>(legacy, byte[].class, TransactionRecorded.class.getName(), null);
        assertThat(((TransactionRecorded) reader.deserialize(old)).details()).isEqualTo(LUNCH);

        int overwritten = new TransactionTemplate(new DataSourceTransactionManager(dataSource)).execute(status ->
                new PersonalDataEraser(jdbc, upgraded, reader, EventSerialization.objectMapper()).erase("alice"));

        assertThat(overwritten).isEqualTo(1);
        String now = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE event_identifier = 'e0'", String.class);
        assertThat(now).doesNotContain("Zoe", "zoe").contains("\"description\":\"(erased)\"", "\"amount\":\"12.50\"");
    }

    @Test
    void rotationReWrapsEveryKeyUnderTheNewMasterKeyAndNoEventChanges() {
        SerializedObject<byte[]> alices = serializer.serialize(new TransactionRecorded("t1", "alice", LUNCH), byte[].class);
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(status -> eraser.erase("bob"));
        SecretKey next = DataKeys.newKey();

        DataKeys rotating = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> next, () -> master, Clock.systemUTC());
        rotating.checkMasterKey();

        assertThat(jdbc.queryForObject("SELECT fingerprint FROM data_master_key", String.class)).isEqualTo(DataKeys.fingerprint(next));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_key WHERE subject_id = 'bob' AND wrapped_key IS NULL", Long.class)).isOne();
        // with only the new key, a fresh process reads the old events
        DataKeys newOnly = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> next, Clock.systemUTC());
        assertThat(((TransactionRecorded) new PersonalDataSerializer(EventSerialization.serializer(), newOnly).deserialize(alices)).details())
                .isEqualTo(LUNCH);
        // a second process started the same way finds the rotation done
        new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> next, () -> master, Clock.systemUTC()).checkMasterKey();
        // the old key alone is refused
        DataKeys oldOnly = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> master, Clock.systemUTC());
        assertThatThrownBy(oldOnly::checkMasterKey).hasMessageContaining("not the one this database's data keys are wrapped with");
        // a process that started before the rotation keeps the keys it holds, and refuses to wrap a new one under the old key
        assertThat(((TransactionRecorded) read(alices)).details()).isEqualTo(LUNCH);
        assertThatThrownBy(() -> stored(new TransactionRecorded("t2", "carol", LUNCH))).hasMessageContaining("rotated by another process");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM data_key WHERE subject_id = 'carol'", Long.class)).isZero();
    }

    @Test
    void aProcessWithAnotherMasterKeyRefusesToReadOrWrite() {
        stored(new TransactionRecorded("t1", "alice", LUNCH)); // the first process records its master key's fingerprint
        DataKeys stranger = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), DataKeys::newKey, Clock.systemUTC());
        assertThatThrownBy(() -> stranger.key("alice", false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the one this database's data keys are wrapped with");
    }

    @Test
    void concurrentFirstCommandsOnAFreshStoreShareOneMasterKey() throws Exception {
        // a supplier that would hand each caller a key of its own, as a fresh data folder's generator did for racing threads
        AtomicInteger loads = new AtomicInteger();
        DataKeys fresh = new DataKeys(jdbc, new DataSourceTransactionManager(dataSource), () -> {
            loads.incrementAndGet();
            return DataKeys.newKey();
        }, Clock.systemUTC());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<SecretKey>>> keys = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String person = "person-" + i;
                keys.add(threads.submit(() -> {
                    start.await();
                    return fresh.key(person, true);
                }));
            }
            start.countDown();
            for (Future<Optional<SecretKey>> key : keys) {
                assertThat(key.get(10, TimeUnit.SECONDS)).isPresent();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }
}
