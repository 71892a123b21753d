package dev.tally.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.importing.StatementImported;
import dev.tally.api.money.Money;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringAmended;
import dev.tally.api.recurring.RecurringEnded;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringOccurrenceSkipped;
import dev.tally.api.recurring.RecurringPaused;
import dev.tally.api.recurring.RecurringResumed;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.recurring.RecurringTemplate;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit of a recurring transaction (set-up, amendments, pause, resume, skips, occurrences, end) and of an import
 * (a job's start, progress and end, its undo): every event in pages, the state as of any moment (past a snapshot,
 * every 10 events in these tests), and only for the owner.
 */
class ScheduleAndImportAuditTest extends QueryTestBase {

    private static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");


    /** Set up at T0, then one event an hour: 14 occurrences with a skip, a pause and resume and an amendment among them, then the end. */
    private String schedule(String owner, String account) {
        String id = "r-" + UUID.randomUUID();
        RecurringTemplate coffee = new RecurringTemplate(TransactionType.EXPENSE, account, Money.parse("3.00", "EUR"), null, "Coffee", "Bar");
        RecurringTemplate dearer = new RecurringTemplate(TransactionType.EXPENSE, account, Money.parse("3.50", "EUR"), null, "Coffee", "Bar");
        List<Object> history = new ArrayList<>();
        history.add(new RecurringSetUp(id, owner, coffee, new Recurrence(Recurrence.Frequency.DAILY, 1, LocalDate.of(2026, 10, 1), null, null, false),
                "UTC"));
        for (long i = 0; i < 8; i++) {
            history.add(new RecurringOccurrenceRecorded(id, owner, i, LocalDate.of(2026, 10, 1).plusDays(i), "t-" + id + "-" + i, coffee));
        }
        history.add(new RecurringOccurrenceSkipped(id, owner, 8, LocalDate.of(2026, 10, 9)));   // sequence 9: the first snapshot
        history.add(new RecurringPaused(id, owner));                                            // 10
        history.add(new RecurringResumed(id, owner, 11));                                       // 11: index 10 passed over
        history.add(new RecurringAmended(id, owner, dearer, 11));                               // 12
        history.add(new RecurringOccurrenceRecorded(id, owner, 11, LocalDate.of(2026, 10, 12), "t-" + id + "-11", dearer)); // 13
        history.add(new RecurringEnded(id, owner));                                             // 14
        for (int i = 0; i < history.size(); i++) {
            events().append("RecurringTransaction", id, owner, history.get(i), T0.plus(Duration.ofHours(i)));
        }
        return id;
    }

    @Test
    void aScheduleHistoryIsPagedAndFoldedAsOfAnyMomentForItsOwnerOnly() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice", "UTC");
        String eve = d.user("Eve", "UTC");
        String account = d.account(alice, "Giro", "100.00");
        String id = schedule(alice, account);
        awaitProjected();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_snapshot WHERE aggregate_id = ? AND kind = 'RECURRING'", Long.class, id) == 1);

        List<Long> sequences = new ArrayList<>();
        List<String> types = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson(alice, "/api/v1/audit/recurring/{id}/events?limit=6" + (cursor == null ? "" : "&cursor=" + cursor), id);
            page.get("items").forEach(e -> {
                sequences.add(e.get("sequence").asLong());
                types.add(e.get("type").asText());
                assertThat(e.get("userId").asText()).isEqualTo(alice);
            });
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(sequences).isEqualTo(LongStream.rangeClosed(0, 14).boxed().toList());
        assertThat(types).startsWith("RecurringSetUp", "RecurringOccurrenceRecorded")
                .endsWith("RecurringOccurrenceSkipped", "RecurringPaused", "RecurringResumed", "RecurringAmended",
                        "RecurringOccurrenceRecorded", "RecurringEnded");

        JsonNode skipped = getJson(alice, "/api/v1/audit/recurring/{id}/state?asOf={at}", id, T0.plus(Duration.ofHours(9)).plusSeconds(1).toString());
        assertThat(skipped.get("version").asLong()).isEqualTo(9);
        assertThat(skipped.at("/state/recorded").asInt()).isEqualTo(8);
        assertThat(skipped.at("/state/skipped").toString()).isEqualTo("[8]");
        assertThat(skipped.at("/state/nextIndex").asLong()).as("past the skipped one").isEqualTo(9);
        assertThat(skipped.at("/state/lastDate").asText()).isEqualTo("2026-10-08");

        JsonNode paused = getJson(alice, "/api/v1/audit/recurring/{id}/state?asOf={at}", id, T0.plus(Duration.ofHours(10)).plusSeconds(1).toString());
        assertThat(paused.at("/state/paused").asBoolean()).isTrue();
        assertThat(paused.at("/state/template/amount/amount").asText()).isEqualTo("3.00");

        JsonNode amended = getJson(alice, "/api/v1/audit/recurring/{id}/state?asOf={at}", id, T0.plus(Duration.ofHours(13)).plusSeconds(1).toString());
        assertThat(amended.at("/state/paused").asBoolean()).isFalse();
        assertThat(amended.at("/state/template/amount/amount").asText()).isEqualTo("3.50");
        assertThat(amended.at("/state/recorded").asInt()).isEqualTo(9);
        assertThat(amended.at("/state/nextIndex").asLong()).isEqualTo(12);
        assertThat(amended.at("/state/lastTransactionId").asText()).isEqualTo("t-" + id + "-11");
        assertThat(amended.at("/state/ended").asBoolean()).isFalse();

        JsonNode now = getJson(alice, "/api/v1/audit/recurring/{id}/state", id);
        assertThat(now.get("kind").asText()).isEqualTo("recurring");
        assertThat(now.get("version").asLong()).isEqualTo(14);
        assertThat(now.at("/state/ended").asBoolean()).isTrue();
        assertThat(now.at("/state/recurrence/frequency").asText()).isEqualTo("DAILY");
        assertThat(now.at("/state/timeZone").asText()).isEqualTo("UTC");
        assertThat(getJson(alice, "/api/v1/audit/recurring/{id}/state?asOf=2026-09-30", id).get("exists").asBoolean()).isFalse();

        mvc.perform(as(eve, get("/api/v1/audit/recurring/{id}/events", id))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        mvc.perform(as(eve, get("/api/v1/audit/recurring/{id}/state", id))).andExpect(status().isNotFound());
        mvc.perform(as(alice, get("/api/v1/audit/recurring/{id}/events", "r-" + UUID.randomUUID()))).andExpect(status().isNotFound());
        // an account's id is no schedule's, though it is hers
        mvc.perform(as(alice, get("/api/v1/audit/recurring/{id}/events", account))).andExpect(status().isNotFound());
        mvc.perform(as(alice, get("/api/v1/audit/recurring/{id}/events?limit=0", id))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("limit"));
    }

    @Test
    void anImportJobsHistoryShowsItsProgressEndAndUndoForItsOwnerOnly() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice", "UTC");
        String eve = d.user("Eve", "UTC");
        String account = d.account(alice, "Giro", "0.00");
        String job = "j-" + UUID.randomUUID();
        events().append("Import", job, alice, new ImportStarted(job, alice, account, "OFX", "big.ofx", 1200), T0);
        events().append("Import", job, alice, new ImportProgressed(job, alice, 500, 1200, 490, 10), T0.plusSeconds(60));
        events().append("Import", job, alice, new StatementImported(job, alice, account, "OFX", "big.ofx", 1150, 49,
                List.of(new RefusedRow(77, "the amount is zero"))), T0.plusSeconds(120));
        events().append("Import", job, alice, new ImportUndone(job, alice, account, 1150), T0.plus(Duration.ofDays(1)));
        awaitProjected();

        JsonNode page = getJson(alice, "/api/v1/audit/import/{id}/events?limit=3", job);
        assertThat(page.get("items").findValuesAsText("type")).containsExactly("ImportStarted", "ImportProgressed", "StatementImported");
        JsonNode rest = getJson(alice, "/api/v1/audit/import/{id}/events?cursor={c}", job, page.get("nextCursor").asText());
        assertThat(rest.get("items").findValuesAsText("type")).containsExactly("ImportUndone");
        assertThat(rest.get("nextCursor").isNull()).isTrue();
        assertThat(getJson(alice, "/api/v1/audit/import/{id}/events?from=2026-10-02", job).get("items").findValuesAsText("type"))
                .containsExactly("ImportUndone");

        JsonNode running = getJson(alice, "/api/v1/audit/import/{id}/state?asOf={at}", job, T0.plusSeconds(90).toString());
        assertThat(running.at("/state/state").asText()).isEqualTo("RUNNING");
        assertThat(running.at("/state/processed").asInt()).isEqualTo(500);
        assertThat(running.at("/state/total").asInt()).isEqualTo(1200);
        JsonNode finished = getJson(alice, "/api/v1/audit/import/{id}/state?asOf=2026-10-01", job);
        assertThat(finished.get("version").asLong()).isEqualTo(2);
        assertThat(finished.at("/state/state").asText()).isEqualTo("FINISHED");
        assertThat(finished.at("/state/recorded").asInt()).isEqualTo(1150);
        assertThat(finished.at("/state/refused/0/reason").asText()).isEqualTo("the amount is zero");
        assertThat(finished.at("/state/fileName").asText()).isEqualTo("big.ofx");
        JsonNode undone = getJson(alice, "/api/v1/audit/import/{id}/state", job);
        assertThat(undone.get("kind").asText()).isEqualTo("import");
        assertThat(undone.at("/state/state").asText()).isEqualTo("UNDONE");
        assertThat(undone.at("/state/deleted").asInt()).isEqualTo(1150);

        mvc.perform(as(eve, get("/api/v1/audit/import/{id}/events", job))).andExpect(status().isNotFound());
        mvc.perform(as(eve, get("/api/v1/audit/import/{id}/state", job))).andExpect(status().isNotFound());
        mvc.perform(as(alice, get("/api/v1/audit/import/{id}/state", "i-" + UUID.randomUUID()))).andExpect(status().isNotFound());
    }

    @Test
    void anImportDoneAtOnceStartsFinished() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice", "UTC");
        String account = d.account(alice, "Giro", "0.00");
        String id = "i-" + UUID.randomUUID();
        events().append("Import", id, alice, new StatementImported(id, alice, account, "CSV", "november.csv", 4, 1, List.of()), T0);
        awaitProjected();

        JsonNode state = getJson(alice, "/api/v1/audit/import/{id}/state", id);
        assertThat(state.get("version").asLong()).isZero();
        assertThat(state.at("/state/state").asText()).isEqualTo("FINISHED");
        assertThat(state.at("/state/total").asInt()).isEqualTo(5);
        assertThat(state.at("/state/processed").asInt()).isEqualTo(5);
    }
}
