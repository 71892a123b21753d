package dev.tally.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static dev.tally.query.support.Domain.expense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A long history read the auditor's way: in pages that neither skip nor repeat, within a time range, and as of any
 * moment, where the state comes from the nearest snapshot (every 10 events in these tests) and the events after it.
 */
class AuditHistoryTest extends QueryTestBase {

    private static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");

    /** An account opened at T0 with 100.00, then 35 expenses of 1.00, one per hour: 36 events. */
    private String account;
    private String owner;

    private void history() {
        Domain d = new Domain(events());
        d.at(T0);
        owner = d.user("Auditor", "UTC");
        account = d.account(owner, "Main", "100.00");
        for (int i = 1; i <= 35; i++) {
            d.at(T0.plus(Duration.ofHours(i)));
            d.record(owner, expense(account, "1.00", null, LocalDate.of(2026, 10, 1), "Item " + i, null, List.of()));
        }
        d.at(null);
        awaitProjected();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_snapshot WHERE aggregate_id = ?", Long.class, account) == 3);
    }

    @Test
    void pagesCoverTheWholeHistoryOnceInOrder() throws Exception {
        history();
        List<Long> sequences = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = getJson(owner, "/api/v1/audit/account/{id}/events?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), account);
            page.get("items").forEach(e -> sequences.add(e.get("sequence").asLong()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(4);
        assertThat(sequences).isEqualTo(java.util.stream.LongStream.rangeClosed(0, 35).boxed().toList());
    }

    @Test
    void aTimeRangeGivesExactlyTheEventsRecordedWithinIt() throws Exception {
        history();
        JsonNode page = getJson(owner, "/api/v1/audit/account/{id}/events?from={from}&to={to}&limit=200", account,
                T0.plus(Duration.ofHours(12)).toString(), T0.plus(Duration.ofHours(25)).toString());

        assertThat(page.get("items")).extracting(e -> e.get("sequence").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(12, 25).boxed().toList());
        assertThat(page.get("items").get(0).get("occurredAt").asText()).isEqualTo("2026-10-01T20:00:00Z");
        assertThat(page.get("nextCursor").isNull()).isTrue();

        JsonNode day = getJson(owner, "/api/v1/audit/account/{id}/events?from=2026-10-02&limit=200", account);
        assertThat(day.get("items")).extracting(e -> e.get("sequence").asLong())
                .as("from 2026-10-02T00:00Z (the owner's zone is UTC): the 16th hour on")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(16, 35).boxed().toList());
    }

    @Test
    void theStateAsOfAnyMomentIsTheFoldOfTheEventsUpToItFromTheNearestSnapshot() throws Exception {
        history();
        for (int hour : new int[]{0, 5, 9, 10, 11, 19, 20, 33, 35, 40}) {
            Instant asOf = T0.plus(Duration.ofHours(hour)).plusSeconds(30);
            JsonNode state = getJson(owner, "/api/v1/audit/account/{id}/state?asOf={asOf}", account, asOf.toString());
            int spent = Math.min(hour, 35);
            assertThat(state.get("version").asLong()).as("as of hour %d", hour).isEqualTo(spent);
            assertThat(state.at("/state/balance/amount").asText()).as("as of hour %d", hour)
                    .isEqualTo(String.format("%d.00", 100 - spent));
        }
        JsonNode before = getJson(owner, "/api/v1/audit/account/{id}/state?asOf=2026-09-30T00:00:00Z", account);
        assertThat(before.get("exists").asBoolean()).isFalse();
    }

    @Test
    void aCursorOfAnotherThingOrNoCursorAtAllIsRefused() throws Exception {
        history();
        String cursor = getJson(owner, "/api/v1/audit/account/{id}/events?limit=10", account).get("nextCursor").asText();
        Domain d = new Domain(events());
        String other = d.account(owner, "Other", "1.00");
        awaitProjected();

        mvc.perform(as(owner, get("/api/v1/audit/account/{id}/events?cursor={c}", other, cursor)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(as(owner, get("/api/v1/audit/account/{id}/events?cursor=not-a-cursor", account)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cursor"));
        mvc.perform(as(owner, get("/api/v1/audit/account/{id}/events?from=yesterday", account)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(as(owner, get("/api/v1/audit/account/{id}/events?limit=0", account)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("limit"));
    }
}
