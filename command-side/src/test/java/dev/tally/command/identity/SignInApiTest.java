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

    /** A sign-in from another client address, through a socket bound to 127.0.0.2 (the loopback range is all ours). */
    private int logInFrom(String address, String email, String password) {
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}";
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(address, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5_000);
            socket.getOutputStream().write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Makes the recorded failures look {@code seconds} older, as if that much time had passed. */
    private void age(long seconds) {
        jdbc.sql("UPDATE sign_in_failure SET failed_at = failed_at - (? * INTERVAL '1 second')").param(seconds).update();
    }

    @Test
    void failuresForAnEmailFromOneAddressBringGrowingDelaysThere() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        for (int i = 0; i < limits.freeFailures(); i++) {
            assertThat(logIn(alice.email(), "wrong password " + i).code()).isEqualTo(401);
        }

        Api.Response delayed = logIn(alice.email(), RealUsers.PASSWORD); // even the right password waits here

        assertThat(delayed.code()).isEqualTo(429);
        assertThat(delayed.text("code")).isEqualTo("too_many_attempts");
        assertThat(delayed.headers().getContentType()).hasToString("application/problem+json");
        assertThat(Long.parseLong(delayed.headers().getFirst("Retry-After"))).isEqualTo(limits.firstDelay().toSeconds());
        assertThat(delayed.body().path("retryAfter").asLong()).isEqualTo(limits.firstDelay().toSeconds());
        assertThat(delayed.text("refreshToken")).isNull();
        assertThat(delayed.text("instance")).isEqualTo("/api/v1/auth/login");

        // each further failure doubles the wait
        age(limits.firstDelay().toSeconds());
        assertThat(logIn(alice.email(), "wrong again").code()).isEqualTo(401);
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).headers().getFirst("Retry-After"))
                .isEqualTo(Long.toString(limits.firstDelay().toSeconds() * 2));
        // an unknown email is delayed the same way, so a 429 says nothing about whether an account exists
        String unknown = RealUsers.newEmail();
        for (int i = 0; i < limits.freeFailures(); i++) {
            assertThat(logIn(unknown, "wrong password " + i).code()).isEqualTo(401);
        }
        assertThat(logIn(unknown, "wrong password").code()).isEqualTo(429);
        // once the delay has passed, the right password works and forgives the failures
        age(limits.firstDelay().toSeconds() * 2);
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
        assertThat(logIn(alice.email(), "one typo").code()).isEqualTo(401);
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
    }

    /** Finding 7: failures from an attacker's address cannot lock the owner out. */
    @Test
    void theOwnerSignsInFromAnotherAddressWhateverFailsFromThisOne() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        for (int i = 0; i < limits.freeFailures() + 5; i++) {
            age(limits.maxDelay().toSeconds());
            assertThat(logIn(alice.email(), "guess " + i).code()).isEqualTo(401);
        }
        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(429);

        assertThat(logInFrom("127.0.0.2", alice.email(), RealUsers.PASSWORD)).isEqualTo(200);
    }

    /** Finding 7: many failures from one address for many emails do not shut out another person behind it. */
    @Test
    void failuresForOtherEmailsDoNotDelaySomeoneElseAtTheSameAddress() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        for (int i = 0; i < 25; i++) {
            assertThat(logIn(RealUsers.newEmail(), "guessing " + i).code()).isEqualTo(401);
        }

        assertThat(logIn(alice.email(), RealUsers.PASSWORD).code()).isEqualTo(200);
    }

    @Test
    void failuresAreCountedInTheDatabaseWithoutTheEmail() {
        String email = RealUsers.newEmail();
        logIn(email, "wrong password");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sign_in_failure").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT throttle_key FROM sign_in_failure").query(String.class).list())
                .allSatisfy(key -> assertThat(key).doesNotContain("@").hasSize(64));
    }
}
