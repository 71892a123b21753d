package dev.tally.api.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    record Month(String month) implements FeedEvents.AboutMonth {
    }

    record Period(String budgetId, String period) implements FeedEvents.AboutBudgetPeriod {
    }

    @Test
    void everyFeedEventIsDeclaredOnceAndFoundByItsName() {
        assertThat(FeedEvents.all()).extracting(FeedEvent::name).containsExactly("expense:created", "expense:updated",
                "expense:deleted", "balance:updated", "dashboard:updated", "budget:updated", "notification", "notification:read",
                "category:updated", "group:updated", "group:removed", "payment:updated", "recurring:updated", "import:progress",
                "import:finished", "import:cancelled", "import:undone", "home-currency:updated");
        FeedEvents.all().forEach(event -> assertThat(FeedEvents.named(event.name())).containsSame(event));
        assertThat(FeedEvents.named("no:such")).isEmpty();
    }

    @Test
    void onlyHowSomethingStandsCoalesces() {
        assertThat(FeedEvents.all()).filteredOn(FeedEvent::coalesces).extracting(FeedEvent::name)
                .containsExactly("dashboard:updated", "budget:updated", "group:updated", "payment:updated", "import:progress",
                        "home-currency:updated");
        assertThat(FeedEvents.coalesces("no:such")).isFalse();
    }

    @Test
    void theStateKeyNamesTheThingAPayloadIsAbout() {
        assertThat(FeedEvents.DASHBOARD_UPDATED.stateKeyOf(new Month("2026-11"))).isEqualTo("2026-11");
        assertThat(FeedEvents.BUDGET_UPDATED.stateKeyOf(new Period("b1", "2026-W48"))).isEqualTo("b1|2026-W48");
        FeedEvents.AboutExpense expense = () -> "e1";
        assertThat(FeedEvents.EXPENSE_DELETED.stateKeyOf(expense)).isEqualTo("e1");
    }

    @Test
    void onlyTheNextUpdateOfTheSameThingByACoalescingEventInTheSameEpochCoalesces() {
        FeedEntry first = entry(1, "e1", "dashboard:updated", "2026-11");
        assertThat(first.coalescesWith(entry(2, "e1", "dashboard:updated", "2026-11"))).isTrue();
        assertThat(first.coalescesWith(entry(3, "e1", "dashboard:updated", "2026-11"))).as("not the next seq").isFalse();
        assertThat(first.coalescesWith(entry(1, "e1", "dashboard:updated", "2026-11"))).as("a repeated copy").isFalse();
        assertThat(first.coalescesWith(entry(2, "e2", "dashboard:updated", "2026-11"))).as("another epoch").isFalse();
        assertThat(first.coalescesWith(entry(2, "e1", "dashboard:updated", "2026-10"))).as("another month").isFalse();
        assertThat(first.coalescesWith(entry(2, "e1", "budget:updated", "2026-11"))).as("another event").isFalse();
        assertThat(entry(1, "e1", "expense:updated", "x").coalescesWith(entry(2, "e1", "expense:updated", "x")))
                .as("what happened to an expense is never dropped").isFalse();
        assertThat(entry(1, "e1", "dashboard:updated", null).coalescesWith(entry(2, "e1", "dashboard:updated", null)))
                .as("an entry from before state keys").isFalse();
    }

    /** The Redis signal between the query side and gateways is a JSON array of entries: the key survives it. */
    @Test
    void anEntryKeepsItsStateKeyThroughJson() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        FeedEntry entry = entry(7, "e1", "budget:updated", "b1|2026-11");
        assertThat(json.readValue(json.writeValueAsString(List.of(entry)), FeedEntry[].class)).containsExactly(entry);
    }

    private static FeedEntry entry(long seq, String epoch, String event, String stateKey) {
        return new FeedEntry("u1", seq, epoch, event, stateKey, "{}", 100 + seq, NOW);
    }
}
