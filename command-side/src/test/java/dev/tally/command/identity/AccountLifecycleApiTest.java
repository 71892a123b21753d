package dev.tally.command.identity;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.Mailbox;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Password change, password reset by mail, and email verification, over HTTP with a real SMTP server. */
class AccountLifecycleApiTest extends CommandApiTest {

    private static final String NEW_PASSWORD = "purple elephant juggling teacups";

    private Api.Response changePassword(RegisteredUser user, Object body) {
        return api.post("/api/v1/auth/password").token(user.accessToken()).body(body).send();
    }

    private Api.Response logIn(String email, String password) {
        return api.post("/api/v1/auth/login").body(Map.of("email", email, "password", password)).send();
    }

    private Api.Response refresh(String refreshToken) {
        return api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", refreshToken)).send();
    }

    private Api.Response requestReset(String email) {
        return api.post("/api/v1/auth/password-reset").body(Map.of("email", email)).send();
    }

    private Api.Response reset(String token, String password) {
        return api.post("/api/v1/auth/password-reset/confirm").body(Map.of("token", token, "newPassword", password)).send();
    }

    private Api.Response openAccount(String accessToken) {
        return api.post("/api/v1/accounts").token(accessToken).body(Map.of("name", "Wallet", "type", "CASH", "currency", "EUR")).send();
    }

    private RegisteredUser registered() {
        return RealUsers.register(api, RealUsers.newEmail(), "Alice");
    }

    @Test
    void changingThePasswordKeepsThisSessionEndsTheOthersAndTellsTheOwner() {
        RegisteredUser alice = registered();
        RegisteredUser otherDevice = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Alice");

        Api.Response changed = changePassword(alice, Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", NEW_PASSWORD));

        assertThat(changed.code()).as(changed.toString()).isEqualTo(204);
        assertThat(eventTypes(alice.userId())).containsSubsequence("UserPasswordChanged", "UserSignedOut");
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(401);
        assertThat(logIn(alice.email(), NEW_PASSWORD).code()).isEqualTo(200);
        assertThat(openAccount(alice.accessToken()).code()).isEqualTo(201);
        assertThat(openAccount(otherDevice.accessToken()).code()).isEqualTo(401);
        assertThat(refresh(otherDevice.refreshToken()).code()).isEqualTo(401);
        assertThat(refresh(alice.refreshToken()).code()).isEqualTo(200);
        assertThat(Mailbox.await(alice.email(), "password was changed").body()).doesNotContain(NEW_PASSWORD);
    }

    @Test
    void aWrongCurrentPasswordChangesNothingAndIsThrottledLikeSignIn() {
        RegisteredUser alice = registered();
        long events = eventCount();
        for (int i = 0; i < 3; i++) {
            Api.Response refused = changePassword(alice, Map.of("currentPassword", "not my password at all", "newPassword", NEW_PASSWORD));
            assertThat(refused.code()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.text("code")).isEqualTo("wrong_password");
        }
        Api.Response throttled = changePassword(alice, Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", NEW_PASSWORD));
        assertThat(throttled.code()).isEqualTo(429);
        assertThat(throttled.text("code")).isEqualTo("too_many_attempts");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(refresh(alice.refreshToken()).code()).isEqualTo(200);
    }

    @Test
    void aNewPasswordBreakingTheRulesIsRefusedField() {
        RegisteredUser alice = registered();
        long events = eventCount();
        for (Object body : new Object[]{Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", "short"),
                Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", RealUsers.PASSWORD),
                Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", "1234567890"),
                Map.of("newPassword", NEW_PASSWORD),
                "{\"currentPassword\":\"" + RealUsers.PASSWORD + "\",\"newPassword\":42}"}) {
            Api.Response refused = changePassword(alice, body);
            assertThat(refused.code()).as(body + " → " + refused).isEqualTo(400);
        }
        assertThat(changePassword(alice, Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", RealUsers.PASSWORD))
                .body().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");
        assertThat(eventCount()).isEqualTo(events);
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
    }

    @Test
    void changingThePasswordNeedsASignedInCaller() {
        Api.Response refused = api.post("/api/v1/auth/password")
                .body(Map.of("currentPassword", RealUsers.PASSWORD, "newPassword", NEW_PASSWORD)).send();
        assertThat(refused.code()).isEqualTo(401);
    }

    @Test
    void aResetLinkSetsANewPasswordOnceAndEndsEverySession() {
        RegisteredUser alice = registered();

        Api.Response requested = requestReset(alice.email().toUpperCase());
        assertThat(requested.code()).as(requested.toString()).isEqualTo(202);
        Mailbox.Mail mail = Mailbox.await(alice.email(), "Reset your Tally password");
        String token = mail.token("reset-password");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM email_token WHERE token_hash = ?").param(token).query(Long.class).single()).isZero();

        Api.Response reset = reset(token, NEW_PASSWORD);

        assertThat(reset.code()).as(reset.toString()).isEqualTo(204);
        assertThat(eventTypes(alice.userId())).containsSubsequence("UserPasswordChanged", "UserSignedOut");
        assertThat(refresh(alice.refreshToken()).code()).isEqualTo(401);
        assertThat(openAccount(alice.accessToken()).code()).isEqualTo(401);
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(401);
        assertThat(logIn(alice.email(), NEW_PASSWORD).code()).isEqualTo(200);
        Api.Response again = reset(token, "another fine passphrase here");
        assertThat(again.code()).isEqualTo(400);
        assertThat(again.text("code")).isEqualTo("invalid_token");
        Mailbox.await(alice.email(), "password was reset");
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoMail() {
        RegisteredUser alice = registered();
        String stranger = RealUsers.newEmail();

        Api.Response unknown = requestReset(stranger);
        Api.Response known = requestReset(alice.email());

        assertThat(unknown.code()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        Mailbox.await(alice.email(), "Reset your Tally password"); // sent after the stranger's request was settled
        assertThat(Mailbox.to(stranger)).isEmpty();
    }

    @Test
    void aRefusedNewPasswordLeavesTheTokenUsable() {
        RegisteredUser alice = registered();
        requestReset(alice.email());
        String token = Mailbox.await(alice.email(), "Reset your Tally password").token("reset-password");
        long events = eventCount();

        Api.Response weak = reset(token, "short");
        assertThat(weak.code()).isEqualTo(400);
        assertThat(weak.body().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");
        assertThat(reset(token, RealUsers.PASSWORD).code()).isEqualTo(400); // the current one
        assertThat(eventCount()).isEqualTo(events);

        assertThat(reset(token, NEW_PASSWORD).code()).isEqualTo(204);
    }

    @Test
    void unknownExpiredAndReplacedTokensAreRefusedAlike() {
        RegisteredUser alice = registered();
        requestReset(alice.email());
        String first = Mailbox.await(alice.email(), "Reset your Tally password", 1).token("reset-password");
        requestReset(alice.email());
        String second = Mailbox.await(alice.email(), "Reset your Tally password", 2).token("reset-password");

        assertThat(reset(first, NEW_PASSWORD).text("code")).isEqualTo("invalid_token");
        assertThat(reset("no-such-token", NEW_PASSWORD).text("code")).isEqualTo("invalid_token");
        assertThat(api.post("/api/v1/auth/password-reset/confirm").body(Map.of("newPassword", NEW_PASSWORD)).send().text("code"))
                .isEqualTo("invalid_token");
        jdbc.sql("UPDATE email_token SET expires_at = now() - interval '1 minute' WHERE user_id = ?").param(alice.userId()).update();
        Api.Response expired = reset(second, NEW_PASSWORD);
        assertThat(expired.code()).isEqualTo(400);
        assertThat(expired.text("code")).isEqualTo("invalid_token");
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
    }

    @Test
    void resetMailsAreThrottledPerAddressWhileAnswersStayTheSame() {
        RegisteredUser alice = registered();
        RegisteredUser bob = registered();
        for (int i = 0; i < PasswordChanges.RESET_MAILS_PER_HOUR + 2; i++) {
            assertThat(requestReset(alice.email()).code()).isEqualTo(202);
        }
        requestReset(bob.email());
        Mailbox.await(bob.email(), "Reset your Tally password"); // everything asked before has been settled
        assertThat(Mailbox.matching(alice.email(), "Reset your Tally password")).hasSize(PasswordChanges.RESET_MAILS_PER_HOUR);
    }

    @Test
    void aMalformedAddressIsRefused() {
        Api.Response refused = requestReset("not an address");
        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("email");
        assertThat(api.post("/api/v1/auth/password-reset").body("{}").send().code()).isEqualTo(400);
    }

    @Test
    void registrationMailsAVerificationLinkThatWorksOnce() {
        RegisteredUser alice = registered();
        String token = Mailbox.await(alice.email(), "Confirm your email address").token("verify-email");

        Api.Response verified = api.post("/api/v1/auth/verify-email").body(Map.of("token", token)).send();

        assertThat(verified.code()).as(verified.toString()).isEqualTo(204);
        assertThat(eventTypes(alice.userId())).containsExactly("UserRegistered", "UserEmailVerified");
        assertThat(jdbc.sql("SELECT email_verified_at IS NOT NULL FROM user_credentials WHERE user_id = ?")
                .param(alice.userId()).query(Boolean.class).single()).isTrue();
        Api.Response again = api.post("/api/v1/auth/verify-email").body(Map.of("token", token)).send();
        assertThat(again.code()).isEqualTo(400);
        assertThat(again.text("code")).isEqualTo("invalid_token");
        assertThat(api.post("/api/v1/auth/verify-email").body(Map.of("token", "made-up")).send().text("code")).isEqualTo("invalid_token");
    }

    @Test
    void aNewLinkReplacesTheOldOneAndNoneIsSentOnceVerified() {
        RegisteredUser alice = registered();
        String first = Mailbox.await(alice.email(), "Confirm your email address").token("verify-email");
        assertThat(api.post("/api/v1/auth/verify-email/resend").token(alice.accessToken()).send().code()).isEqualTo(202);
        String second = Mailbox.await(alice.email(), "Confirm your email address", 2).token("verify-email");

        assertThat(api.post("/api/v1/auth/verify-email").body(Map.of("token", first)).send().code()).isEqualTo(400);
        assertThat(api.post("/api/v1/auth/verify-email").body(Map.of("token", second)).send().code()).isEqualTo(204);
        api.post("/api/v1/auth/verify-email/resend").token(alice.accessToken()).send();
        requestReset(alice.email());
        Mailbox.await(alice.email(), "Reset your Tally password");
        assertThat(Mailbox.matching(alice.email(), "Confirm your email address")).hasSize(2);
    }

    @Test
    void registeringATakenAddressWarnsItsOwnerAndSendsNoLink() {
        RegisteredUser alice = registered();
        Mailbox.await(alice.email(), "Confirm your email address");

        Api.Response again = api.post("/api/v1/auth/register")
                .body(Map.of("email", alice.email(), "password", "a different passphrase", "displayName", "Mallory")).send();

        assertThat(again.code()).isEqualTo(202);
        Mailbox.Mail warning = Mailbox.await(alice.email(), "Someone tried to register");
        assertThat(warning.body()).contains("Alice").doesNotContain("Mallory").doesNotContain("a different passphrase");
        assertThat(Mailbox.matching(alice.email(), "Confirm your email address")).hasSize(1);
    }
}
