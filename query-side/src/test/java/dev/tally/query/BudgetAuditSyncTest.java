package dev.tally.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.budget.BudgetChanged;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.BudgetSpendingTracked;
import dev.tally.api.budget.BudgetThresholdReached;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;
import dev.tally.query.feed.FeedProperties;
import dev.tally.query.feed.FeedRetention;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static dev.tally.query.support.Domain.expense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class BudgetAuditSyncTest extends QueryTestBase {

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    @Test
    void budgetShowsTheCurrentPeriodInItsTimeZoneWithSpendingAndLevelsReached() throws Exception {
        Domain d = new Domain(events());
        String owner = d.user("Olga");
        String budget = "b-" + UUID.randomUUID();
        BudgetPeriod now = BudgetPeriod.containing(PeriodType.MONTHLY, LocalDate.now(ZoneId.of("Pacific/Kiritimati")));
        events().append("Budget", budget, owner, new BudgetCreated(budget, owner, "Groceries", null, PeriodType.MONTHLY, eur("200.00"),
                List.of(50, 80, 100), "Pacific/Kiritimati"));
        events().append("Budget", budget, owner, new BudgetSpendingTracked(budget, owner, now.key(), now.start(), "t-1", eur("170.00"),
                eur("170.00"), eur("200.00")));
        events().append("Budget", budget, owner, new BudgetThresholdReached(budget, owner, now.key(), 50, eur("170.00"), eur("200.00")));
        events().append("Budget", budget, owner, new BudgetThresholdReached(budget, owner, now.key(), 80, eur("170.00"), eur("200.00")));
        events().append("Budget", budget, owner, new BudgetChanged(budget, owner, "Food", eur("250.00"), List.of(50, 80, 100)));
        awaitProjected();

        JsonNode view = getJson(owner, "/api/v1/budgets/{id}", budget);
        assertThat(view.get("name").asText()).isEqualTo("Food");
        JsonNode current = view.get("current");
        assertThat(current.get("period").asText()).isEqualTo(now.key());
        assertThat(current.get("spent").get("amount").asText()).isEqualTo("170.00");
        assertThat(current.get("limit").get("amount").asText()).isEqualTo("250.00");
        assertThat(current.get("percent").asLong()).isEqualTo(68);
        assertThat(current.get("levelsReached")).extracting(JsonNode::asInt).containsExactly(50, 80);
        assertThat(feedEvents(owner)).containsSubsequence("budget:updated", "budget:updated", "notification", "notification", "budget:updated");
        JsonNode inbox = getJson(owner, "/api/v1/notifications");
        assertThat(inbox.get("items")).hasSize(2);
        assertThat(inbox.get("items").get(0).get("type").asText()).isEqualTo("budget_threshold");
        assertThat(getJson(owner, "/api/v1/notifications/unread-count").get("unread").asLong()).isEqualTo(2);
        mvc.perform(as(owner, post("/api/v1/notifications/{id}/read", inbox.get("items").get(0).get("id").asText())))
                .andExpect(status().isOk());
        assertThat(feedEvents(owner)).last().isEqualTo("notification:read");
        assertStateKeysAsDeclared(owner);
    }

    @Test
    void auditListsStoredEventsWithActorAndCorrelationAndRebuildsStateAsOfAMoment() throws Exception {
        Domain d = new Domain(events());
        Instant t0 = Instant.parse("2026-11-01T09:00:00Z");
        d.at(t0);
        String user = d.user("Paul");
        String account = d.account(user, "Main", "100.00");
        d.at(t0.plus(Duration.ofDays(1)));
        String coffee = d.record(user, expense(account, "3.50", null, LocalDate.of(2026, 11, 2), "Coffee", "Cafe", List.of()));
        d.at(t0.plus(Duration.ofDays(3)));
        d.amend(coffee, expense(account, "4.00", null, LocalDate.of(2026, 11, 2), "Coffee", "Cafe", List.of()));
        d.at(null);
        awaitProjected();

        JsonNode events = getJson(user, "/api/v1/audit/transaction/{id}/events", coffee).get("items");
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("TransactionRecorded", "TransactionAmended");
        assertThat(events.get(0).get("userId").asText()).isEqualTo(user);
        assertThat(events.get(0).get("correlationId").asText()).startsWith("corr-");
        assertThat(events.get(1).get("payload").get("after").get("amount").get("amount").asText()).isEqualTo("4.00");

        JsonNode before = getJson(user, "/api/v1/audit/transaction/{id}/state?asOf=2026-11-03T00:00:00Z", coffee);
        assertThat(before.get("state").get("details").get("amount").get("amount").asText()).isEqualTo("3.50");
        JsonNode notYet = getJson(user, "/api/v1/audit/transaction/{id}/state?asOf=2026-11-01T10:00:00Z", coffee);
        assertThat(notYet.get("exists").asBoolean()).isFalse();

        // the account's balance as of a day (end of that day in the user's time zone)
        assertThat(getJson(user, "/api/v1/audit/account/{id}/state?asOf=2026-11-01", account).get("state").get("balance").get("amount").asText())
                .isEqualTo("100.00");
        assertThat(getJson(user, "/api/v1/audit/account/{id}/state?asOf=2026-11-02", account).get("state").get("balance").get("amount").asText())
                .isEqualTo("96.50");
        assertThat(getJson(user, "/api/v1/audit/account/{id}/state", account).get("state").get("balance").get("amount").asText())
                .isEqualTo("96.00");
    }

    @Test
    void syncPagesTheFeedAndSaysWhenItCannotContinue() throws Exception {
        Domain d = new Domain(events());
        String user = d.user("Sam");
        String account = d.account(user, "Main", "50.00");
        for (int i = 0; i < 3; i++) {
            d.record(user, expense(account, "1.00", null, LocalDate.of(2026, 11, 20), "Bus " + i, "Transit", List.of()));
        }
        awaitProjected();
        long head = feedSeqs(user).size();

        JsonNode first = getJson(user, "/api/v1/sync?since=0&limit=2");
        assertThat(first.get("recovered").asBoolean()).isTrue();
        assertThat(first.get("hasMore").asBoolean()).isTrue();
        assertThat(first.get("entries")).extracting(e -> e.get("seq").asLong()).containsExactly(1L, 2L);
        assertThat(first.get("entries").get(0).get("payload").get("_meta").get("seq").asLong()).isEqualTo(1);
        JsonNode rest = getJson(user, "/api/v1/sync?since=2&limit=500&epoch={e}", first.get("epoch").asText());
        assertThat(rest.get("entries")).hasSize((int) head - 2);
        assertThat(rest.get("hasMore").asBoolean()).isFalse();
        assertThat(getJson(user, "/api/v1/sync?since=1&epoch=another-epoch").get("recovered").asBoolean()).isFalse();
        assertThat(getJson(user, "/api/v1/sync?since={s}", head + 5).get("recovered").asBoolean()).isFalse();
        // a seq without its epoch could be from before a rebuild, where the same numbers named other entries: the
        // socket answers it recovered:false ("epoch changed"), and so does REST
        JsonNode noEpoch = getJson(user, "/api/v1/sync?since=2");
        assertThat(noEpoch.get("recovered").asBoolean()).isFalse();
        assertThat(noEpoch.get("entries")).isEmpty();
        assertThat(noEpoch.get("epoch").asText()).isEqualTo(first.get("epoch").asText());
        assertThat(noEpoch.get("latestSeq").asLong()).isEqualTo(head);

        // the transaction list is a snapshot: it states the feed position it was read at
        JsonNode list = getJson(user, "/api/v1/transactions");
        assertThat(list.get("feed").get("seq").asLong()).isEqualTo(head);
        assertThat(list.get("feed").get("epoch").asText()).isEqualTo(first.get("epoch").asText());
    }

    @Test
    void retentionKeepsRecentEntriesAndEachUsersLatestOnes() {
        String user = "u-retention-" + UUID.randomUUID();
        String epoch = "e-test";
        jdbc.update("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, 10, ?)", user, epoch);
        Instant old = Instant.now().minus(Duration.ofDays(40));
        for (int seq = 1; seq <= 10; seq++) {
            Instant at = seq <= 8 ? old : Instant.now();
            jdbc.update("INSERT INTO user_feed (user_id, seq, epoch, event, payload, global_index, created_at) VALUES (?, ?, ?, 'x', '{}', 0, ?)",
                    user, seq, epoch, Timestamp.from(at));
        }
        FeedProperties keepFive = new FeedProperties(Duration.ofDays(30), 5, false, "unused", 500);
        new FeedRetention(jdbc, keepFive, Clock.systemUTC()).purge();
        // 1..5 are old and outside the latest five: gone; 6..8 are old but among the latest five; 9..10 are recent
        assertThat(feedSeqs(user)).containsExactly(6L, 7L, 8L, 9L, 10L);
    }
}
