package dev.tally.query.recurring;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringOccurrenceSkipped;
import dev.tally.api.recurring.RecurringPaused;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.recurring.RecurringTemplate;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import dev.tally.query.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Recurring transactions reach their owner's list, upcoming occurrences, inbox and feed, and nobody else's. */
class RecurringProjectionTest extends QueryTestBase {

    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theOwnerSeesTheScheduleItsNextNinetyDaysAndEachOccurrence() throws Exception {
        clock.set(Instant.parse("2026-12-15T12:00:00Z"));
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String eve = d.user("Eve");
        String account = d.account(alice, "Giro", "0.00");
        String id = "r-" + UUID.randomUUID();
        RecurringTemplate rent = new RecurringTemplate(TransactionType.EXPENSE, account, Money.parse("950.00", "EUR"), null, "Rent", "Landlord");
        events().append("RecurringTransaction", id, alice, new RecurringSetUp(id, alice, rent,
                new Recurrence(Recurrence.Frequency.MONTHLY, 1, LocalDate.of(2026, 12, 1), null, null, true), "Europe/Berlin"));
        events().append("RecurringTransaction", id, alice, new RecurringOccurrenceRecorded(id, alice, 0, LocalDate.of(2026, 12, 31),
                "t-" + UUID.randomUUID(), rent));
        events().append("RecurringTransaction", id, alice, new RecurringOccurrenceSkipped(id, alice, 2, LocalDate.of(2027, 2, 28)));
        awaitProjected();

        JsonNode list = getJson(alice, "/api/v1/recurring");
        assertThat(list).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo(id);
            assertThat(r.get("template").get("amount").get("amount").asText()).isEqualTo("950.00");
            assertThat(r.get("upcoming").toString()).as("90 days from 2026-12-15; February's is skipped").isEqualTo("[\"2027-01-31\"]");
        });
        JsonNode upcoming = getJson(alice, "/api/v1/recurring/upcoming?days=120");
        assertThat(upcoming.findValuesAsText("date")).containsExactly("2027-01-31", "2027-03-31");
        assertThat(getJson(alice, "/api/v1/notifications").get("items").get(0).get("type").asText()).isEqualTo("recurring");
        assertThat(feedEvents(alice)).contains("recurring:updated", "notification");
        assertStateKeysAsDeclared(alice);

        events().append("RecurringTransaction", id, alice, new RecurringPaused(id, alice));
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/recurring/upcoming")).as("paused: nothing to come").isEmpty();

        assertThat(getJson(eve, "/api/v1/recurring")).isEmpty();
        assertThat(getJson(eve, "/api/v1/recurring/upcoming")).isEmpty();
        assertThat(feedEvents(eve)).doesNotContain("recurring:updated");
        mvc.perform(as(eve, get("/api/v1/recurring/{id}", id))).andExpect(status().isNotFound());
        mvc.perform(as(alice, get("/api/v1/recurring/upcoming?days=0"))).andExpect(status().isBadRequest());
    }
}
