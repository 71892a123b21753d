package dev.tally.command.identity;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SignInApiTest extends CommandApiTest {

    @Autowired
    private IdentityProperties limits;

    /** Every test request comes from 127.0.0.1: start and end each test with no failures counted for it. */
    @BeforeEach
    @AfterEach
    void forgetFailures() {
        jdbc.sql("DELETE FROM sign_in_failure").update();
    }

    private Api.Response logIn(String email, String password) {
        return api.post("/api/v1/auth/login").body(Map.of("email", email, "password", password)).send();
    }

    @Test
    void signsInWithTheEmailInAnyCaseIntoANewSession() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");

        Api.Response response = logIn("  " + alice.email().toUpperCase() + " ", RealUsers.PASSWORD);

        assertThat(response.code()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("tokenType")).isEqualTo("Bearer");
        assertThat(response.body().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(response.headers().getCacheControl()).contains("no-store");
        assertThat(response.text("refreshToken")).isNotBlank().isNotEqualTo(alice.refreshToken());
        assertThat(response.body().path("user").path("id").asText()).isEqualTo(alice.userId());
        assertThat(response.body().path("user").path("displayName").asText()).isEqualTo("Alice");
        assertThat(response.body().path("user").path("timeZone").asText()).isEqualTo("Europe/Berlin");
        var claims = RealUsers.claims(response.text("accessToken"));
        assertThat(claims.path("sub").asText()).isEqualTo(alice.userId());
        assertThat(claims.path("name").asText()).isEqualTo("Alice");
        assertThat(claims.path("iss").asText()).isEqualTo("tally");
        assertThat(claims.path("sid").asText()).isNotBlank().isNotEqualTo(alice.sessionId());
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(900);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");

        Api.Response wrongPassword = logIn(alice.email(), "not the password at all");
        Api.Response unknownEmail = logIn(RealUsers.newEmail(), "not the password at all");

        assertThat(wrongPassword.code()).isEqualTo(401);
        assertThat(unknownEmail.code()).isEqualTo(401);
        assertThat(wrongPassword.text("code")).isEqualTo("invalid_credentials");
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(unknownEmail.headers().getContentType()).isEqualTo(wrongPassword.headers().getContentType());
        assertThat(wrongPassword.text("refreshToken")).isNull();
    }

    @Test
    void missingFieldsAreNamed() {
        Api.Response response = api.post("/api/v1/auth/login").body(Map.of("email", " ")).send();
        assertThat(response.code()).isEqualTo(400);
        assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("email", "password");
    }

    @Test
    void repeatedFailuresForAnEmailAreThrottledEvenWithTheRightPassword() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        RegisteredUser bob = RealUsers.register(api, RealUsers.newEmail(), "Bob");
        for (int i = 0; i < limits.maxFailuresPerEmail(); i++) {
            assertThat(logIn(alice.email(), "wrong password " + i).code()).isEqualTo(401);
        }

        Api.Response throttled = logIn(alice.email(), RealUsers.PASSWORD);

        assertThat(throttled.code()).isEqualTo(429);
        assertThat(throttled.text("code")).isEqualTo("too_many_attempts");
        assertThat(throttled.headers().getContentType()).hasToString("application/problem+json");
        long retryAfter = Long.parseLong(throttled.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, limits.throttleWindow().toSeconds() + 1);
        assertThat(throttled.text("refreshToken")).isNull();
        assertThat(throttled.text("instance")).isEqualTo("/api/v1/auth/login");
        // an unknown email is throttled the same way, so a 429 says nothing about whether an account exists
        String unknown = RealUsers.newEmail();
        for (int i = 0; i < limits.maxFailuresPerEmail(); i++) {
            logIn(unknown, "wrong password " + i);
        }
        assertThat(logIn(unknown, "wrong password").code()).isEqualTo(429);
        // another user from the same address is not affected
        assertThat(logIn(bob.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
        // once the window has passed (failures older than it), the right password works again
        jdbc.sql("UPDATE sign_in_failure SET failed_at = failed_at - (? * INTERVAL '1 second')")
                .param(limits.throttleWindow().toSeconds() + 1).update();
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
    }

    @Test
    void aSuccessfulSignInForgivesTheEmailsEarlierFailures() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        for (int i = 0; i < limits.maxFailuresPerEmail() - 1; i++) {
            assertThat(logIn(alice.email(), "wrong password " + i).code()).isEqualTo(401);
        }
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
        assertThat(logIn(alice.email(), "wrong password again").code()).isEqualTo(401);
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledAcrossEmails() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        for (int i = 0; i < limits.maxFailuresPerAddress(); i++) {
            assertThat(logIn(RealUsers.newEmail(), "guessing " + i).code()).isEqualTo(401);
        }

        Api.Response throttled = logIn(alice.email(), RealUsers.PASSWORD);

        assertThat(throttled.code()).isEqualTo(429);
        assertThat(throttled.headers().getFirst("Retry-After")).isNotBlank();
    }

    @Test
    void failuresAreCountedInTheDatabaseWithoutTheEmail() {
        String email = RealUsers.newEmail();
        logIn(email, "wrong password");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_failure").query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT throttle_key FROM sign_in_failure").query(String.class).list())
                .allSatisfy(key -> assertThat(key).doesNotContain("@").hasSize(64));
    }
}
