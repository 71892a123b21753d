package dev.tally.query;

import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetThresholdReached;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.money.Money;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import dev.tally.query.support.TestKeys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static dev.tally.query.support.Domain.expense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Every endpoint, asked by someone the thing is not theirs: nothing, and another user's id answers 404. Bad input: 400 and no change. */
class IsolationTest extends QueryTestBase {

    String alice;
    String bob;
    String eve;
    String account;
    String dinner;
    String budget;
    String notification;
    String food;

    @BeforeEach
    void aliceHasEverything() {
        Domain d = new Domain(events());
        alice = d.user("Alice");
        bob = d.user("Bob");
        eve = d.user("Eve");
        account = d.account(alice, "Main", "100.00");
        food = d.category(alice, "Food");
        dinner = d.record(alice, expense(account, "40.00", food, LocalDate.of(2026, 11, 12), "Dinner", "Bistro", List.of("out")));
        d.share(dinner, SplitMethod.EQUAL, List.of(new Share(alice, Money.parse("20.00", "EUR"), null), new Share(bob, Money.parse("20.00", "EUR"), null)));
        budget = "b-" + java.util.UUID.randomUUID();
        events().append("Budget", budget, alice, new BudgetCreated(budget, alice, "Food", food, PeriodType.MONTHLY,
                Money.parse("50.00", "EUR"), List.of(50, 80, 100), "Europe/Berlin"));
        events().append("Budget", budget, alice, new BudgetThresholdReached(budget, alice, "2026-11", 80,
                Money.parse("40.00", "EUR"), Money.parse("50.00", "EUR")));
        awaitProjected();
        notification = jdbc.queryForObject("SELECT notification_id FROM notification_view WHERE user_id = ?", String.class, alice);
    }

    @Test
    void aStrangerSeesNothingOfAlice() throws Exception {
        assertThat(getJson(eve, "/api/v1/accounts")).isEmpty();
        mvc.perform(as(eve, get("/api/v1/accounts/{id}", account))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        assertThat(getJson(eve, "/api/v1/transactions").get("items")).isEmpty();
        mvc.perform(as(eve, get("/api/v1/transactions/{id}", dinner))).andExpect(status().isNotFound());
        assertThat(getJson(eve, "/api/v1/categories")).isEmpty();
        assertThat(getJson(alice, "/api/v1/categories/{id}", food).get("name").asText()).isEqualTo("Food");
        mvc.perform(as(eve, get("/api/v1/categories/{id}", food))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        assertThat(getJson(eve, "/api/v1/dashboard?month=2026-11").get("totals")).isEmpty();
        assertThat(getJson(eve, "/api/v1/budgets")).isEmpty();
        mvc.perform(as(eve, get("/api/v1/budgets/{id}", budget))).andExpect(status().isNotFound());
        assertThat(getJson(eve, "/api/v1/shared/expenses")).isEmpty();
        mvc.perform(as(eve, get("/api/v1/shared/expenses/{id}", dinner))).andExpect(status().isNotFound());
        assertThat(getJson(eve, "/api/v1/shared/balances")).isEmpty();
        assertThat(getJson(eve, "/api/v1/notifications").get("items")).isEmpty();
        assertThat(getJson(eve, "/api/v1/notifications/unread-count").get("unread").asLong()).isZero();
        assertThat(getJson(eve, "/api/v1/sync?since=0").get("entries")).isEmpty();
        for (String[] thing : new String[][]{{"account", account}, {"transaction", dinner}, {"budget", budget}}) {
            mvc.perform(as(eve, get("/api/v1/audit/{kind}/{id}/events", thing[0], thing[1]))).andExpect(status().isNotFound());
            mvc.perform(as(eve, get("/api/v1/audit/{kind}/{id}/state", thing[0], thing[1]))).andExpect(status().isNotFound());
        }
        // the one write: eve cannot mark alice's notification read, and nothing changes
        mvc.perform(as(eve, post("/api/v1/notifications/{id}/read", notification))).andExpect(status().isNotFound());
        assertThat(getJson(alice, "/api/v1/notifications/unread-count").get("unread").asLong()).isEqualTo(1); // her budget alert, still unread
        assertThat(feedEvents(eve)).isEmpty();
    }

    @Test
    void aParticipantSeesTheSharedExpenseButNotTheOwnersAccountsOrLists() throws Exception {
        assertThat(getJson(bob, "/api/v1/transactions/{id}", dinner).get("id").asText()).isEqualTo(dinner);
        assertThat(getJson(bob, "/api/v1/transactions").get("items")).isEmpty(); // the list is of one's own transactions
        assertThat(getJson(bob, "/api/v1/audit/transaction/{id}/events", dinner).get("items")).hasSizeGreaterThan(0);
        mvc.perform(as(bob, get("/api/v1/audit/account/{id}/events", account))).andExpect(status().isNotFound());
        mvc.perform(as(bob, get("/api/v1/accounts/{id}", account))).andExpect(status().isNotFound());
        assertThat(getJson(bob, "/api/v1/dashboard?month=2026-11").get("totals")).isEmpty();
    }

    @Test
    void withoutAValidTokenNothingIsServed() throws Exception {
        mvc.perform(get("/api/v1/accounts")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/sync?since=0").header("Authorization", "Bearer " + TestKeys.expiredToken(alice)))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/transactions").header("Authorization", "Bearer not-a-jwt")).andExpect(status().isUnauthorized());
    }

    @Test
    void badQueryParametersAreRefusedWithTheFieldAtFault() throws Exception {
        String[][] cases = {
                {"/api/v1/transactions?sort=colour", "sort"},
                {"/api/v1/transactions?cursor=abc", "cursor"},
                {"/api/v1/transactions?limit=0", "limit"},
                {"/api/v1/transactions?limit=500", "limit"},
                {"/api/v1/transactions?from=2026-11-10&to=2026-11-01", "from"},
                {"/api/v1/transactions?from=yesterday", "from"},
                {"/api/v1/transactions?type=GIFT", "type"},
                {"/api/v1/dashboard?month=November", "month"},
                {"/api/v1/dashboard?from=2026-11-01", "to"},
                {"/api/v1/dashboard?month=2026-11&from=2026-11-01&to=2026-11-02", "month"},
                {"/api/v1/sync?since=-1", "since"},
                {"/api/v1/sync?since=0&limit=100000", "limit"},
                {"/api/v1/shared/expenses?role=boss", "role"},
                {"/api/v1/notifications?cursor=abc", "cursor"},
                {"/api/v1/audit/wallet/x/events", "kind"},
        };
        for (String[] c : cases) {
            mvc.perform(as(alice, get(c[0]))).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value(c[1]));
        }
        mvc.perform(as(alice, get("/api/v1/audit/account/{id}/state?asOf=last-tuesday", account))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
        mvc.perform(as(alice, get("/api/v1/sync"))).andExpect(status().isBadRequest());
    }

    @Test
    void markingReadChangesTheInboxOnceAndTellsTheOwnersOtherDevices() throws Exception {
        long seqBefore = feedSeqs(alice).size();
        mvc.perform(as(alice, post("/api/v1/notifications/{id}/read", notification))).andExpect(status().isOk())
                .andExpect(jsonPath("$.read").value(true));
        mvc.perform(as(alice, post("/api/v1/notifications/{id}/read", notification))).andExpect(status().isOk());
        assertThat(feedEvents(alice)).hasSize((int) seqBefore + 1).last().isEqualTo("notification:read");
        mvc.perform(as(alice, get("/api/v1/notifications?unreadOnly=true"))).andExpect(jsonPath("$.items", hasSize(0)));
    }
}
