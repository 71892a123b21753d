package dev.tally.command.identity;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.Mailbox;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** DELETE /api/v1/me: crypto-shredding over HTTP on PostgreSQL, and each refusal leaving everything as it was. */
class ErasureApiTest extends CommandApiTest {

    private Api.Response erase(RegisteredUser user, Object body) {
        return api.delete("/api/v1/me").token(user.accessToken()).body(body).send();
    }

    private Api.Response openAccount(RegisteredUser user, String name) {
        return api.post("/api/v1/accounts").token(user.accessToken()).body(Map.of("name", name, "type", "CASH", "currency", "EUR")).send();
    }

    private List<String> storedText(String table) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM " + table).query(String.class).list();
    }

    @Test
    void personalFieldsAreStoredEncryptedAndUnreadableOnceTheAccountIsErased() {
        String marker = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice " + marker);
        RegisteredUser otherDevice = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Alice " + marker);
        Api.Response opened = openAccount(alice, "Savings " + marker);
        assertThat(opened.code()).as(opened.toString()).isEqualTo(201);
        Api.Response group = api.post("/api/v1/groups").token(alice.accessToken()).body(Map.of("name", "Trip " + marker)).send();
        assertThat(group.code()).as(group.toString()).isEqualTo(201);
        assertThat(storedText("domain_event_entry")).noneMatch(text -> text.contains(marker));
        assertThat(storedText("domain_event_entry")).anyMatch(text -> text.contains("\"enc1:"));

        Api.Response erased = erase(alice, Map.of("currentPassword", RealUsers.PASSWORD));

        assertThat(erased.code()).as(erased.toString()).isEqualTo(204);
        assertThat(eventTypes(alice.userId())).containsSubsequence("UserSignedOut", "UserErased");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM data_key WHERE subject_id = ? AND wrapped_key IS NULL AND destroyed_at IS NOT NULL")
                .param(alice.userId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_credentials WHERE user_id = ?").param(alice.userId()).query(Long.class).single()).isZero();
        assertThat(storedText("domain_event_entry")).noneMatch(text -> text.contains(marker));
        assertThat(storedText("snapshot_event_entry")).noneMatch(text -> text.contains(marker));
        assertThat(jdbc.sql("SELECT name FROM group_directory WHERE creator_id = ?").param(alice.userId()).query(String.class).list())
                .containsExactly("(erased)");
        // every session ended: both devices' tokens are refused, and the password no longer signs in
        assertThat(openAccount(alice, "Again").code()).isEqualTo(401);
        assertThat(openAccount(otherDevice, "Again").code()).isEqualTo(401);
        assertThat(api.post("/api/v1/auth/login").body(Map.of("email", alice.email(), "password", RealUsers.PASSWORD)).send().code())
                .isEqualTo(401);
    }

    private String invite(RegisteredUser member, String groupId, String email) {
        Api.Response invited = api.post("/api/v1/groups/" + groupId + "/invitations").token(member.accessToken()).body(Map.of("email", email)).send();
        assertThat(invited.code()).as(invited.toString()).isEqualTo(201);
        return invited.text("id");
    }

    /** The group's event naming this invitation (or, for -1, its GroupCreated), read back through the event store. */
    private String groupEvent(String groupId, String invitationId) {
        for (long sequence = 0; sequence < eventTypes(groupId).size(); sequence++) {
            String json = eventJson(groupId, sequence);
            if (invitationId == null ? json.contains("\"creatorId\"") : json.contains("\"invitationId\":\"" + invitationId + "\"")
                    && !json.contains("\"userId\"")) {
                return json;
            }
        }
        throw new AssertionError("no event of " + invitationId + " in " + groupId);
    }

    private String storedGroupMemberInvited(String invitationId) {
        return jdbc.sql("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type = 'dev.tally.api.group.GroupMemberInvited' "
                + "AND convert_from(payload, 'UTF8') LIKE ?").param("%\"" + invitationId + "\"%").query(String.class).single();
    }

    private boolean keyDestroyed(String subject) {
        return jdbc.sql("SELECT wrapped_key IS NULL AND destroyed_at IS NOT NULL FROM data_key WHERE subject_id = ?").param(subject)
                .query(Boolean.class).single();
    }

    @Test
    void anInvitationsAddressGoesWithTheInviteesAccountAndNotWithTheInviters() {
        String marker = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice " + marker);
        RegisteredUser bob = RealUsers.register(api, RealUsers.newEmail(), "Bob"); // invited, never joins
        RegisteredUser carol = RealUsers.register(api, RealUsers.newEmail(), "Carol"); // joins with a link mailed to another address of hers
        String carolsOtherAddress = RealUsers.newEmail();
        String stranger = RealUsers.newEmail(); // invited, has no account
        Api.Response group = api.post("/api/v1/groups").token(alice.accessToken()).body(Map.of("name", "Trip " + marker)).send();
        String trip = group.text("id");
        String toBob = invite(alice, trip, bob.email());
        String toCarol = invite(alice, trip, carolsOtherAddress);
        Api.Response joined = api.post("/api/v1/groups/invitations/accept").token(carol.accessToken())
                .body(Map.of("token", Mailbox.await(carolsOtherAddress, "invited you to a group").token("join-group"))).send();
        assertThat(joined.code()).as(joined.toString()).isEqualTo(200);
        String toStranger = invite(alice, trip, stranger);
        for (String invitation : List.of(toBob, toCarol, toStranger)) {
            assertThat(storedGroupMemberInvited(invitation)).contains("\"emailSubject\":\"invitation:" + invitation + "\"", "\"email\":\"enc1:")
                    .doesNotContain("@example.com");
        }
        assertThat(groupEvent(trip, toBob)).contains(bob.email());

        assertThat(erase(bob, Map.of("currentPassword", RealUsers.PASSWORD)).code()).isEqualTo(204);
        assertThat(erase(carol, Map.of("currentPassword", RealUsers.PASSWORD)).code()).isEqualTo(204);

        // the stored rows still hold only ciphertext, and it no longer opens: the invitations' keys are gone
        assertThat(keyDestroyed("invitation:" + toBob)).isTrue();
        assertThat(keyDestroyed("invitation:" + toCarol)).isTrue();
        assertThat(storedGroupMemberInvited(toBob)).contains("\"email\":\"enc1:").doesNotContain(bob.email());
        assertThat(groupEvent(trip, toBob)).contains("\"email\":\"(erased)\"").doesNotContain(bob.email());
        assertThat(groupEvent(trip, toCarol)).contains("\"email\":\"(erased)\"").doesNotContain(carolsOtherAddress);
        assertThat(eventTypes(bob.userId())).last().isEqualTo("UserErased");
        assertThat(eventJson(bob.userId(), eventTypes(bob.userId()).size() - 1)).contains(toBob).doesNotContain(toCarol);
        // the inviter's own data and the other invitation still read
        assertThat(groupEvent(trip, null)).contains("Trip " + marker);
        assertThat(groupEvent(trip, toStranger)).contains(stranger);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM group_invitee WHERE invitation_id IN (?, ?)").params(toBob, toCarol).query(Long.class).single()).isZero();

        // the inviter leaving takes their words, not the address they typed: it is the invitee's
        assertThat(erase(alice, Map.of("currentPassword", RealUsers.PASSWORD)).code()).isEqualTo(204);
        assertThat(groupEvent(trip, null)).doesNotContain(marker);
        assertThat(groupEvent(trip, toStranger)).contains(stranger);
    }

    @Test
    void anotherPersonsDataStaysReadableAndTheirAccountWorks() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        RegisteredUser bob = RealUsers.register(api, RealUsers.newEmail(), "Bob");
        String account = openAccount(bob, "Bob's wallet").text("id");

        assertThat(erase(alice, Map.of("currentPassword", RealUsers.PASSWORD)).code()).isEqualTo(204);

        // bob's account (an aggregate with a personal name) still loads and takes commands
        Api.Response renamed = api.patch("/api/v1/accounts/" + account).token(bob.accessToken()).ifMatch(0)
                .body(Map.of("name", "Bob's purse")).send();
        assertThat(renamed.code()).as(renamed.toString()).isIn(200, 204);
        assertThat(jdbc.sql("SELECT wrapped_key IS NOT NULL FROM data_key WHERE subject_id = ?").param(bob.userId())
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void refusesWithoutTheCurrentPasswordAndChangesNothing() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        long before = eventCount();

        Api.Response missing = erase(alice, Map.of());
        Api.Response noBody = api.delete("/api/v1/me").token(alice.accessToken()).send();
        Api.Response wrong = erase(alice, Map.of("currentPassword", "not the password at all"));

        assertThat(missing.code()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.toString()).contains("currentPassword");
        assertThat(noBody.code()).as(noBody.toString()).isEqualTo(400);
        assertThat(wrong.code()).as(wrong.toString()).isEqualTo(403);
        assertThat(wrong.text("code")).isEqualTo("wrong_password");
        assertThat(eventCount()).isEqualTo(before);
        assertThat(openAccount(alice, "Still here").code()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT wrapped_key IS NOT NULL FROM data_key WHERE subject_id = ?").param(alice.userId())
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void refusesWithoutASignedInCaller() {
        Api.Response anonymous = api.delete("/api/v1/me").body(Map.of("currentPassword", RealUsers.PASSWORD)).send();
        assertThat(anonymous.code()).isEqualTo(401);
    }
}
