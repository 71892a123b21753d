package dev.tally.query.room;

import dev.tally.api.expense.ExpenseUnshared;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.group.GroupMemberLeft;
import dev.tally.api.money.Money;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.tally.query.support.Domain.expense;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** What the gateway asks before a socket joins a room: members 204, everyone else 404, as the read models stand now. */
class RoomMembershipTest extends QueryTestBase {

    private void member(String user, String kind, String id) throws Exception {
        mvc.perform(as(user, get("/api/v1/rooms/{kind}/{id}", kind, id))).andExpect(status().isNoContent());
    }

    private void notMember(String user, String kind, String id) throws Exception {
        mvc.perform(as(user, get("/api/v1/rooms/{kind}/{id}", kind, id))).andExpect(status().isNotFound());
    }

    @Test
    void anExpensesOwnerAndParticipantsAreItsMembersUntilItIsUnshared() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String mallory = d.user("Mallory");
        String account = d.account(alice, "Card", "100.00");
        String lunch = d.record(alice, expense(account, "20.00", null, LocalDate.of(2026, 11, 20), "Lunch", null, List.of()));
        d.share(lunch, SplitMethod.EQUAL, List.of(new Share(alice, Money.parse("10.00", "EUR"), null), new Share(bob, Money.parse("10.00", "EUR"), null)));
        awaitProjected();

        member(alice, "expense", lunch);
        member(bob, "expense", lunch);
        notMember(mallory, "expense", lunch);
        notMember(mallory, "expense", "no-such-expense"); // the same answer as for someone else's
        notMember(alice, "account", account); // no other kind of room
        mvc.perform(get("/api/v1/rooms/expense/{id}", lunch)).andExpect(status().isUnauthorized());

        events().append("Transaction", lunch, alice, new ExpenseUnshared(lunch, alice, List.of(bob)));
        awaitProjected();
        member(alice, "expense", lunch);
        notMember(bob, "expense", lunch);
    }

    @Test
    void aGroupsMembersNowAreItsMembersAndWhoeverLeftIsNot() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String carol = d.user("Carol");
        String trip = "g-" + UUID.randomUUID();
        events().append("Group", trip, alice, new GroupCreated(trip, alice, "Ski trip"));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, "i-bob", alice, "bob@example.com"));
        events().append("Group", trip, bob, new GroupMemberJoined(trip, bob, "i-bob"));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, "i-carol", alice, "carol@example.com"));
        awaitProjected();

        member(alice, "group", trip);
        member(bob, "group", trip);
        notMember(carol, "group", trip); // invited is not a member yet
        notMember(carol, "group", "no-such-group");

        events().append("Group", trip, bob, new GroupMemberLeft(trip, bob));
        awaitProjected();
        notMember(bob, "group", trip);
        member(alice, "group", trip);
    }
}
