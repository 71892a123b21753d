package dev.tally.command.recurring;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.tally.command.CommandSideApplication;
import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import dev.tally.platform.test.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Recurring transactions on the real scheduler (db-scheduler in PostgreSQL): occurrences recorded once, also with two processes. */
class RecurringApiTest extends CommandApiTest {

    @Autowired
    Environment environment;
    @Autowired
    Scheduler scheduler;
    TestUser alice;
    String account;
    final LocalDate today = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void aliceHasAnAccount() {
        alice = registerAndLogIn(); // registered: a schedule whose owner has no account (erased) records nothing
        Api.Response response = api.post("/api/v1/accounts").as(alice)
                .body(Map.of("name", "Giro", "type", "BANK", "currency", "EUR", "openingBalance", "1000.00")).send();
        account = response.text("id");
    }

    private Map<String, Object> daily(String accountId, LocalDate start) {
        Map<String, Object> body = new HashMap<>(Map.of("type", "EXPENSE", "accountId", accountId, "amount", "10.00",
                "description", "Daily coffee", "frequency", "DAILY", "startDate", start.toString()));
        return body;
    }

    private long recordedBy(String recurringId) {
        return jdbc.sql("SELECT COUNT(*) FROM domain_event_entry WHERE payload_type = 'dev.tally.api.expense.TransactionRecorded' "
                + "AND convert_from(meta_data, 'UTF8') LIKE ?").param("%\"recurringId\":\"" + recurringId + "\"%").query(Long.class).single();
    }

    @Test
    void occurrencesMissedWhileDownAreCaughtUpOnceAndTheNextWaits() {
        Api.Response created = api.post("/api/v1/recurring").as(alice).body(daily(account, today.minusDays(2))).send();
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> recordedBy(id) == 3);
        assertThat(eventTypes(id)).containsExactly("RecurringSetUp", "RecurringOccurrenceRecorded", "RecurringOccurrenceRecorded",
                "RecurringOccurrenceRecorded");
        assertThat(balance(account)).isEqualTo(1000_00 - 3 * 10_00);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE picked = FALSE AND execution_time > now()").query(Long.class).single())
                .as("tomorrow's occurrence waits in the database").isPositive();
        assertThat(recordedBy(id)).isEqualTo(3);
    }

    @Test
    void pauseSkipAmendAndEndOverHttp() {
        String id = api.post("/api/v1/recurring").as(alice).body(daily(account, today.plusDays(1))).send().text("id");
        assertThat(api.post("/api/v1/recurring/" + id + "/skip").as(alice).body(Map.of("date", today.plusDays(1).toString())).send().code()).isEqualTo(200);
        assertThat(api.patch("/api/v1/recurring/" + id).as(alice).body(Map.of("amount", "12.50")).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/recurring/" + id + "/pause").as(alice).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/recurring/" + id + "/resume").as(alice).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/recurring/" + id + "/end").as(alice).send().code()).isEqualTo(200);
        assertThat(eventTypes(id)).containsExactly("RecurringSetUp", "RecurringOccurrenceSkipped", "RecurringAmended", "RecurringPaused",
                "RecurringResumed", "RecurringEnded");
        assertThat(api.post("/api/v1/recurring/" + id + "/resume").as(alice).send().code()).isEqualTo(409);
    }

    @Test
    void aChangeRetriedWithItsIdempotencyKeyIsRecordedOnce() {
        String id = api.post("/api/v1/recurring").as(alice).body(daily(account, today.plusDays(1))).send().text("id");
        for (int attempt = 0; attempt < 2; attempt++) {
            Api.Response amended = api.patch("/api/v1/recurring/" + id).as(alice).header("Idempotency-Key", "amend-" + id)
                    .body(Map.of("amount", "12.50")).send();
            assertThat(amended.code()).as(amended.toString()).isEqualTo(200);
        }
        assertThat(eventTypes(id)).containsExactly("RecurringSetUp", "RecurringAmended");
    }

    @Test
    void refusalsChangeNothing() {
        TestUser bob = registerAndLogIn();
        long before = eventCount();
        Api.Response foreign = api.post("/api/v1/recurring").as(bob).body(daily(account, today)).send();
        assertThat(foreign.code()).isEqualTo(422);
        Map<String, Object> bad = daily(account, today);
        bad.put("interval", 0);
        assertThat(api.post("/api/v1/recurring").as(alice).body(bad).send().code()).isEqualTo(422);
        Map<String, Object> noStart = daily(account, today);
        noStart.remove("startDate");
        assertThat(api.post("/api/v1/recurring").as(alice).body(noStart).send().code()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
        String id = api.post("/api/v1/recurring").as(alice).body(daily(account, today.plusDays(3))).send().text("id");
        assertThat(api.post("/api/v1/recurring/" + id + "/pause").as(bob).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/recurring/" + id + "/skip").as(alice).body(Map.of("date", today.plusDays(2).toString())).send().code())
                .as("before its start: no occurrence falls then").isEqualTo(422);
    }

    /** Another command-side process on this test's database. */
    private ConfigurableApplicationContext secondProcess() throws Exception {
        return new SpringApplicationBuilder(CommandSideApplication.class)
                .profiles("test")
                .run("--server.port=0", "--management.server.port=0", "--tally.schema.clean-on-start=false",
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"), // this context's own database
                        "--spring.datasource.username=" + PostgresTestDatabase.user(),
                        "--tally.data-dir=" + Files.createTempDirectory("tally-second"),
                        // the same master key, as every process of a deployment must have (docs/operations.md)
                        "--tally.privacy.master-key-location=" + environment.getProperty("tally.privacy.master-key-location"));
    }

    /**
     * A process that starts with occurrences already due (after downtime) records them at once: its scheduler waits
     * for the application to be ready. It used to run them while the context was still starting, before the deadline
     * manager existed; they failed, and db-scheduler retries a failed one-time task only 5 minutes later.
     */
    @Test
    void aProcessStartingWithOccurrencesDueRecordsThemAtOnce() throws Exception {
        scheduler.pause(); // this process stands for the instance that was down
        try {
            String id = api.post("/api/v1/recurring").as(alice).body(daily(account, today.minusDays(1))).send().text("id");
            assertThat(recordedBy(id)).isZero();
            try (ConfigurableApplicationContext restarted = secondProcess()) {
                await().atMost(Duration.ofSeconds(30)).until(() -> recordedBy(id) == 2);
            }
        } finally {
            scheduler.resume();
        }
    }

    /** A second command-side process on the same database: both schedulers poll, every occurrence is recorded by one of them, once. */
    @Test
    void twoProcessesRecordEachOccurrenceOnce() throws Exception {
        try (ConfigurableApplicationContext second = secondProcess()) {
            List<String> ids = new ArrayList<>();
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < 10; i++) { // an account each: the race under test is over occurrences, not over one account's balance
                accounts.add(api.post("/api/v1/accounts").as(alice)
                        .body(Map.of("name", "Giro " + i, "type", "BANK", "currency", "EUR", "openingBalance", "100.00")).send().text("id"));
                Api.Response created = api.post("/api/v1/recurring").as(alice).body(daily(accounts.get(i), today.minusDays(1))).send();
                assertThat(created.code()).as(created.toString()).isEqualTo(201);
                ids.add(created.text("id"));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().allMatch(id -> recordedBy(id) >= 2));
            Thread.sleep(2_000); // both schedulers polled again since: a second recording would show now
            for (String id : ids) {
                assertThat(recordedBy(id)).as(id).isEqualTo(2);
            }
            for (String each : accounts) {
                assertThat(balance(each)).isEqualTo(100_00 - 2 * 10_00);
            }
        }
    }
}
