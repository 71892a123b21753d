package dev.tally.command.group;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.Mailbox;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Groups over HTTP: create, invite by mail, join with the link, leave, remove, and expenses shared in a group. */
class GroupApiTest extends CommandApiTest {

    private String group(RegisteredUser creator, String name) {
        Api.Response created = api.post("/api/v1/groups").token(creator.accessToken()).body(Map.of("name", name)).send();
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        return created.text("id");
    }

    private Api.Response invite(RegisteredUser member, String groupId, String email) {
        return api.post("/api/v1/groups/" + groupId + "/invitations").token(member.accessToken()).body(Map.of("email", email)).send();
    }

    private Api.Response accept(RegisteredUser user, String token) {
        return api.post("/api/v1/groups/invitations/accept").token(user.accessToken()).body(Map.of("token", token)).send();
    }

    /** Invites the user's address and joins with the mailed link. */
    private void join(RegisteredUser inviter, String groupId, RegisteredUser user) {
        assertThat(invite(inviter, groupId, user.email()).code()).isEqualTo(201);
        Api.Response joined = accept(user, Mailbox.await(user.email(), "invited you to a group").token("join-group"));
        assertThat(joined.code()).as(joined.toString()).isEqualTo(200);
    }

    private String expense(RegisteredUser payer, String amount) {
        String account = api.post("/api/v1/accounts").token(payer.accessToken())
                .body(Map.of("name", "Card", "type", "CARD", "currency", "EUR")).send().text("id");
        return api.post("/api/v1/transactions").token(payer.accessToken())
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", amount, "description", "Chalet")).send().text("id");
    }

    private Api.Response shareInGroup(RegisteredUser payer, String transactionId, String groupId, RegisteredUser... others) {
        List<Map<String, String>> participants = new java.util.ArrayList<>(List.of(Map.of("userId", payer.userId())));
        for (RegisteredUser other : others) {
            participants.add(Map.of("userId", other.userId()));
        }
        return api.put("/api/v1/transactions/" + transactionId + "/split").token(payer.accessToken())
                .body(Map.of("method", "EQUAL", "participants", participants, "groupId", groupId)).send();
    }

    @Test
    void invitationsAreMailedAndPendingUntilTheLinkIsUsedOnce() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        RegisteredUser mallory = RealUsers.registerAndLogIn(api);
        String trip = group(alice, "Ski trip");

        Api.Response invited = invite(alice, trip, bob.email().toUpperCase());
        assertThat(invited.code()).as(invited.toString()).isEqualTo(201);
        Mailbox.Mail mail = Mailbox.await(bob.email(), "invited you to a group");
        assertThat(mail.body()).contains("Ski trip");
        assertThat(eventTypes(trip)).containsExactly("GroupCreated", "GroupMemberInvited");

        assertThat(accept(bob, mail.token("join-group")).code()).isEqualTo(200);
        assertThat(eventTypes(trip)).containsExactly("GroupCreated", "GroupMemberInvited", "GroupMemberJoined");
        Api.Response reused = accept(mallory, mail.token("join-group"));
        assertThat(reused.code()).isEqualTo(400);
        assertThat(reused.text("code")).isEqualTo("invalid_token");
        assertThat(accept(mallory, "made-up").text("code")).isEqualTo("invalid_token");
        assertThat(eventTypes(trip)).hasSize(3);
    }

    @Test
    void anAddressWithoutAccountIsInvitedAlikeAndInvitingNeedsMembership() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser mallory = RealUsers.registerAndLogIn(api);
        String trip = group(alice, "Ski trip");
        String nobody = RealUsers.newEmail();

        assertThat(invite(alice, trip, nobody).code()).isEqualTo(201);
        Mailbox.await(nobody, "invited you to a group");

        Api.Response stranger = invite(mallory, trip, mallory.email());
        assertThat(stranger.code()).isEqualTo(404);
        Api.Response bad = invite(alice, trip, "not an address");
        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.body().path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(invite(alice, "no-such-group", nobody).code()).isEqualTo(404);
        assertThat(eventTypes(trip)).containsExactly("GroupCreated", "GroupMemberInvited");
    }

    @Test
    void aRetriedInvitationIsOneInvitationWithOneMail() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        String trip = group(alice, "Ski trip");
        String bob = RealUsers.newEmail();
        String carol = RealUsers.newEmail();

        Api.Response first = api.post("/api/v1/groups/" + trip + "/invitations").token(alice.accessToken()).idempotencyKey("invite-bob")
                .body(Map.of("email", bob)).send();
        Api.Response retried = api.post("/api/v1/groups/" + trip + "/invitations").token(alice.accessToken()).idempotencyKey("invite-bob")
                .body(Map.of("email", bob)).send();

        assertThat(retried.code()).isEqualTo(201);
        assertThat(retried.text("id")).isEqualTo(first.text("id"));
        invite(alice, trip, carol);
        Mailbox.await(carol, "invited you to a group"); // mails go out in order: bob's are all settled
        assertThat(Mailbox.matching(bob, "invited you to a group")).hasSize(1);
        assertThat(eventTypes(trip)).containsExactly("GroupCreated", "GroupMemberInvited", "GroupMemberInvited");
    }

    @Test
    void aGroupNeedsAName() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        long events = eventCount();
        assertThat(api.post("/api/v1/groups").token(alice.accessToken()).body(Map.of("name", " ")).send().code()).isEqualTo(400);
        assertThat(api.post("/api/v1/groups").token(alice.accessToken()).body(Map.of("name", "x".repeat(81))).send().code()).isEqualTo(400);
        assertThat(api.post("/api/v1/groups").body(Map.of("name", "Trip")).send().code()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void membersLeaveAndRemoveEachOther() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        RegisteredUser carol = RealUsers.registerAndLogIn(api);
        RegisteredUser mallory = RealUsers.registerAndLogIn(api);
        String trip = group(alice, "Ski trip");
        join(alice, trip, bob);
        join(bob, trip, carol);

        assertThat(api.delete("/api/v1/groups/" + trip + "/members/" + carol.userId()).token(mallory.accessToken()).send().code()).isEqualTo(404);
        Api.Response notMember = api.delete("/api/v1/groups/" + trip + "/members/" + mallory.userId()).token(alice.accessToken()).send();
        assertThat(notMember.code()).isEqualTo(422);
        assertThat(notMember.text("code")).isEqualTo("not_a_member");
        assertThat(api.delete("/api/v1/groups/" + trip + "/members/" + alice.userId()).token(alice.accessToken()).send().text("code"))
                .isEqualTo("remove_yourself");

        assertThat(api.delete("/api/v1/groups/" + trip + "/members/" + carol.userId()).token(alice.accessToken()).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/groups/" + trip + "/leave").token(bob.accessToken()).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/groups/" + trip + "/leave").token(bob.accessToken()).send().code()).isEqualTo(404);
        assertThat(invite(carol, trip, mallory.email()).code()).isEqualTo(404);
        assertThat(eventTypes(trip)).endsWith("GroupMemberRemoved", "GroupMemberLeft");
    }

    @Test
    void expensesAreSharedInAGroupAmongItsMembersOnly() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        RegisteredUser mallory = RealUsers.registerAndLogIn(api);
        String trip = group(alice, "Ski trip");
        join(alice, trip, bob);
        String chalet = expense(alice, "300.00");

        Api.Response outsider = shareInGroup(alice, chalet, trip, bob, mallory);
        assertThat(outsider.code()).isEqualTo(422);
        assertThat(outsider.text("code")).isEqualTo("not_group_members");
        assertThat(shareInGroup(alice, chalet, "no-such-group", bob).code()).isEqualTo(422);
        assertThat(eventTypes(chalet)).containsExactly("TransactionRecorded");

        Api.Response shared = shareInGroup(alice, chalet, trip, bob);
        assertThat(shared.code()).as(shared.toString()).isEqualTo(200);
        assertThat(eventTypes(chalet)).containsExactly("TransactionRecorded", "ExpenseShared", "ExpenseGroupChanged");
        String malloryOwn = expense(mallory, "10.00");
        assertThat(shareInGroup(mallory, malloryOwn, trip, alice).code()).isEqualTo(422);
    }
}
