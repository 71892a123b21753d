package dev.tally.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.expense.ExpenseGroupChanged;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.group.GroupMemberLeft;
import dev.tally.api.group.GroupMemberRemoved;
import dev.tally.api.money.Money;
import dev.tally.api.settle.PaymentAmended;
import dev.tally.api.settle.PaymentDeleted;
import dev.tally.api.settle.PaymentDisputed;
import dev.tally.api.settle.PaymentRecorded;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.tally.query.support.Domain.expense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Groups on the read side: members, invitations, balances, settle-up transfers, feeds, and nothing for outsiders. */
class GroupTest extends QueryTestBase {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

    private Domain d;
    private String alice;
    private String bob;
    private String carol;
    private String mallory;
    private String trip;

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    @BeforeEach
    void aTripOfThree() {
        d = new Domain(events());
        alice = d.user("Alice");
        bob = d.user("Bob");
        carol = d.user("Carol");
        mallory = d.user("Mallory");
        trip = "g-" + UUID.randomUUID();
        events().append("Group", trip, alice, new GroupCreated(trip, alice, "Ski trip"));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, "i-bob", alice, "bob@example.com"));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, "i-carol", alice, "carol@example.com"));
        events().append("Group", trip, bob, new GroupMemberJoined(trip, bob, "i-bob"));
        events().append("Group", trip, carol, new GroupMemberJoined(trip, carol, "i-carol"));
    }

    /** An expense paid by {@code payer}, split equally among {@code people}, in {@code groupId} (null: in no group). */
    private String equalExpense(String payer, String amount, String groupId, String... people) {
        String account = d.account(payer, "Card", "1000.00");
        String id = d.record(payer, expense(account, amount, null, DAY, "Chalet", null, List.of()));
        long total = eur(amount).minorUnits();
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < people.length; i++) {
            long part = total / people.length + (i < total % people.length ? 1 : 0);
            shares.add(new Share(people[i], new Money(part, "EUR"), null));
        }
        d.share(id, SplitMethod.EQUAL, shares);
        if (groupId != null) {
            events().append("Transaction", id, payer, new ExpenseGroupChanged(id, payer, groupId));
        }
        return id;
    }

    private JsonNode readJson(String text) {
        try {
            return json.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> groupEvents(String userId) {
        return feedEvents(userId).stream().filter(e -> e.startsWith("group:")).toList();
    }

    private static String balanceOf(JsonNode group, String userId) {
        for (JsonNode balance : group.get("balances")) {
            if (balance.get("userId").asText().equals(userId)) {
                return balance.get("amount").get("amount").asText();
            }
        }
        return "none";
    }

    @Test
    void balancesAndTheTransfersThatSettleThem() throws Exception {
        equalExpense(alice, "300.00", trip, alice, bob, carol);
        equalExpense(bob, "60.00", trip, alice, bob, carol);
        equalExpense(carol, "500.00", null, carol, alice); // not in the group: counts nowhere here
        awaitProjected();

        JsonNode group = getJson(alice, "/api/v1/groups/{id}", trip);

        assertThat(group.get("name").asText()).isEqualTo("Ski trip");
        assertThat(group.get("members")).extracting(m -> m.get("displayName").asText() + ":" + m.get("status").asText())
                .containsExactlyInAnyOrder("Alice:member", "Bob:member", "Carol:member");
        assertThat(group.get("invitations")).extracting(i -> i.get("email").asText() + ":" + i.get("status").asText())
                .containsExactly("bob@example.com:accepted", "carol@example.com:accepted");
        assertThat(balanceOf(group, alice)).isEqualTo("180.00");
        assertThat(balanceOf(group, bob)).isEqualTo("-60.00");
        assertThat(balanceOf(group, carol)).isEqualTo("-120.00");
        assertThat(group.get("settleUp")).extracting(t -> t.get("fromName").asText() + "->" + t.get("toName").asText() + ":"
                + t.get("amount").get("amount").asText()).containsExactly("Carol->Alice:120.00", "Bob->Alice:60.00");
        assertThat(getJson(bob, "/api/v1/groups")).extracting(g -> g.get("id").asText()).containsExactly(trip);
        assertThat(getJson(carol, "/api/v1/groups/{id}/expenses", trip)).hasSize(2);
    }

    @Test
    void aDeletedOrUnsharedExpenseLeavesTheBalances() throws Exception {
        String chalet = equalExpense(alice, "300.00", trip, alice, bob, carol);
        equalExpense(bob, "60.00", trip, alice, bob);
        d.delete(chalet);
        awaitProjected();

        JsonNode group = getJson(carol, "/api/v1/groups/{id}", trip);
        assertThat(balanceOf(group, bob)).isEqualTo("30.00");
        assertThat(balanceOf(group, alice)).isEqualTo("-30.00");
        assertThat(group.get("settleUp")).extracting(t -> t.get("from").asText() + "->" + t.get("to").asText()).containsExactly(alice + "->" + bob);
    }

    @Test
    void everyMemberFeedCarriesTheGroupAndWhoeverLeavesIsToldItIsGone() throws Exception {
        equalExpense(alice, "90.00", trip, alice, bob, carol);
        events().append("Group", trip, carol, new GroupMemberLeft(trip, carol));
        events().append("Group", trip, alice, new GroupMemberRemoved(trip, bob, alice));
        awaitProjected();

        assertThat(feedEvents(alice)).contains("group:updated");
        // the group's own events and the expense's are projected on their own segments: an update the expense caused may
        // reach a member after they left, and then it shows them gone (a client drops it)
        for (String gone : List.of(carol, bob)) {
            List<JsonNode> entries = jdbc.queryForList("SELECT payload FROM user_feed WHERE user_id = ? AND event LIKE 'group:%' ORDER BY seq",
                    String.class, gone).stream().map(this::readJson).toList();
            assertThat(groupEvents(gone)).contains("group:updated", "group:removed");
            int lastRemoval = 0;
            for (int i = 0; i < entries.size(); i++) {
                lastRemoval = entries.get(i).has("reason") ? i : lastRemoval;
            }
            assertThat(entries.subList(lastRemoval + 1, entries.size())).allMatch(e -> !e.get("members").toString()
                    .contains("{\"userId\":\"" + gone + "\",\"displayName\":\"" + (gone.equals(bob) ? "Bob" : "Carol") + "\",\"status\":\"member\"}"));
        }
        String lastForAlice = jdbc.queryForObject("SELECT payload FROM user_feed WHERE user_id = ? AND event = 'group:updated' ORDER BY seq DESC LIMIT 1",
                String.class, alice);
        JsonNode last = json.readTree(lastForAlice);
        assertThat(last.get("members")).extracting(m -> m.get("status").asText()).containsExactlyInAnyOrder("member", "left", "removed");
        assertThat(balanceOf(last, carol)).isEqualTo("-30.00"); // what she shared stays

        mvc.perform(as(carol, get("/api/v1/groups/{id}", trip))).andExpect(status().isNotFound());
        mvc.perform(as(bob, get("/api/v1/groups/{id}/expenses", trip))).andExpect(status().isNotFound());
        assertThat(getJson(carol, "/api/v1/groups")).isEmpty();
        assertThat(getJson(alice, "/api/v1/groups/{id}", trip).get("members")).hasSize(3);
    }

    @Test
    void anOutsiderSeesNothingOfTheGroup() throws Exception {
        equalExpense(alice, "90.00", trip, alice, bob, carol);
        awaitProjected();

        mvc.perform(as(mallory, get("/api/v1/groups/{id}", trip))).andExpect(status().isNotFound());
        mvc.perform(as(mallory, get("/api/v1/groups/{id}/expenses", trip))).andExpect(status().isNotFound());
        mvc.perform(as(mallory, get("/api/v1/groups/{id}", "no-such-group"))).andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/groups")).andExpect(status().isUnauthorized());
        assertThat(getJson(mallory, "/api/v1/groups")).isEmpty();
        assertThat(feedEvents(mallory)).doesNotContain("group:updated", "group:removed");
    }

    private String pay(String payer, String payee, String amount, String groupId) {
        String id = "p-" + UUID.randomUUID();
        events().append("Payment", id, payer, new PaymentRecorded(id, payer, payee, eur(amount), groupId, DAY, "Cash", null));
        return id;
    }

    @Test
    void paymentsSettleBalancesUnlessDisputedOrDeleted() throws Exception {
        equalExpense(alice, "300.00", trip, alice, bob, carol);
        equalExpense(bob, "60.00", trip, alice, bob, carol);
        String bobPays = pay(bob, alice, "60.00", trip);
        String carolPays = pay(carol, alice, "20.00", trip);
        awaitProjected();

        JsonNode group = getJson(alice, "/api/v1/groups/{id}", trip);
        assertThat(balanceOf(group, alice)).isEqualTo("100.00");
        assertThat(balanceOf(group, bob)).isEqualTo("0.00");
        assertThat(balanceOf(group, carol)).isEqualTo("-100.00");
        assertThat(group.get("settleUp")).extracting(t -> t.get("fromName").asText() + "->" + t.get("toName").asText() + ":"
                + t.get("amount").get("amount").asText()).containsExactly("Carol->Alice:100.00");
        JsonNode bobsView = getJson(bob, "/api/v1/shared/balances");
        assertThat(bobsView).filteredOn(b -> b.get("userId").asText().equals(alice))
                .extracting(b -> b.get("amount").get("amount").asText()).containsExactly("-20.00"); // between the two: 100 owed, less 20 the other way, less 60 paid
        assertThat(getJson(alice, "/api/v1/payments")).hasSize(2);
        JsonNode payment = getJson(bob, "/api/v1/payments/{id}", bobPays);
        assertThat(payment.get("payeeName").asText()).isEqualTo("Alice");
        assertThat(payment.get("counts").asBoolean()).isTrue();
        assertThat(feedEvents(bob)).contains("payment:updated");
        assertThat(feedEvents(alice)).contains("payment:updated", "notification");

        events().append("Payment", bobPays, alice, new PaymentDisputed(bobPays, bob, alice, "Never got it"));
        events().append("Payment", carolPays, carol, new PaymentDeleted(carolPays, carol, alice));
        awaitProjected();
        group = getJson(carol, "/api/v1/groups/{id}", trip);
        assertThat(balanceOf(group, bob)).isEqualTo("-60.00");
        assertThat(balanceOf(group, carol)).isEqualTo("-120.00");
        assertThat(getJson(bob, "/api/v1/payments/{id}", bobPays).get("counts").asBoolean()).isFalse();
        mvc.perform(as(carol, get("/api/v1/payments/{id}", carolPays))).andExpect(status().isNotFound());

        events().append("Payment", bobPays, bob, new PaymentAmended(bobPays, bob, alice, eur("50.00"), DAY, "Bank transfer"));
        awaitProjected();
        assertThat(balanceOf(getJson(alice, "/api/v1/groups/{id}", trip), bob)).isEqualTo("-10.00");

        // its audit trail: for the payer and the payee, deleted or not, and for nobody else
        assertThat(getJson(alice, "/api/v1/audit/payment/{id}/events", bobPays).get("items")).extracting(e -> e.get("type").asText())
                .containsExactly("PaymentRecorded", "PaymentDisputed", "PaymentAmended");
        assertThat(getJson(carol, "/api/v1/audit/payment/{id}/state", carolPays).get("state").get("deleted").asBoolean()).isTrue();
        mvc.perform(as(mallory, get("/api/v1/audit/payment/{id}/events", bobPays))).andExpect(status().isNotFound());
    }

    @Test
    void anOutsiderSeesNoPayment() throws Exception {
        equalExpense(alice, "90.00", trip, alice, bob, carol);
        String bobPays = pay(bob, alice, "30.00", trip);
        awaitProjected();

        mvc.perform(as(mallory, get("/api/v1/payments/{id}", bobPays))).andExpect(status().isNotFound());
        mvc.perform(as(carol, get("/api/v1/payments/{id}", bobPays))).andExpect(status().isNotFound());
        assertThat(getJson(mallory, "/api/v1/payments")).isEmpty();
        assertThat(feedEvents(mallory)).doesNotContain("payment:updated");
        assertThat(feedEvents(carol)).doesNotContain("payment:updated").contains("group:updated");
    }
}
