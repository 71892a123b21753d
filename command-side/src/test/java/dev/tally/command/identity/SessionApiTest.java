package dev.tally.command.identity;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh-token rotation, reuse detection, expiry, and signing out. */
class SessionApiTest extends CommandApiTest {

    private Api.Response refresh(String refreshToken) {
        return api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", refreshToken)).send();
    }

    private Api.Response logOut(RegisteredUser user, Map<String, Object> body) {
        Api.Call call = api.post("/api/v1/auth/logout").token(user.accessToken());
        return (body == null ? call : call.body(body)).send();
    }

    /** The sessions recorded as ended for a user, in order. */
    private List<String> signedOutSessions(String userId) {
        return jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%UserSignedOut' ORDER BY sequence_number")
                .param(userId).query(byte[].class).list().stream()
                .map(payload -> new String(payload).replaceAll(".*\"sessionId\":\"([^\"]+)\".*", "$1"))
                .toList();
    }

    private void assertRefused(Api.Response response) {
        assertThat(response.code()).as(response.toString()).isEqualTo(401);
        assertThat(response.text("code")).isEqualTo("invalid_refresh_token");
        assertThat(response.text("accessToken")).isNull();
    }

    @Test
    void eachRefreshTokenWorksOnceAndIsReplacedInTheSameSession() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);

        Api.Response first = refresh(alice.refreshToken());
        assertThat(first.code()).as(first.toString()).isEqualTo(200);
        String second = first.text("refreshToken");
        assertThat(second).isNotEqualTo(alice.refreshToken());
        assertThat(RealUsers.claims(first.text("accessToken")).path("sid").asText()).isEqualTo(alice.sessionId());
        assertThat(RealUsers.claims(first.text("accessToken")).path("sub").asText()).isEqualTo(alice.userId());
        assertThat(first.body().path("user").path("id").asText()).isEqualTo(alice.userId());

        Api.Response next = refresh(second);
        assertThat(next.code()).isEqualTo(200);
        assertThat(next.text("refreshToken")).isNotIn(alice.refreshToken(), second);
        // the refreshed access token is a working one
        assertThat(api.post("/api/v1/categories").token(next.text("accessToken"))
                .body(Map.of("name", "Pets", "kind", "EXPENSE")).send().code()).isEqualTo(201);
        // only hashes are stored
        assertThat(jdbc.sql("SELECT COUNT(*) FROM refresh_token WHERE token_hash IN (?, ?)").params(alice.refreshToken(), second)
                .query(Long.class).single()).isZero();
    }

    @Test
    void reusingAUsedRefreshTokenEndsTheWholeSession() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser aliceOnAnotherDevice = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Test user");
        String next = refresh(alice.refreshToken()).text("refreshToken");

        assertRefused(refresh(alice.refreshToken())); // the stolen copy, used after the owner already rotated it

        assertRefused(refresh(next)); // the session is gone for the owner too
        assertThat(signedOutSessions(alice.userId())).containsExactly(alice.sessionId());
        // the other session goes on
        assertThat(refresh(aliceOnAnotherDevice.refreshToken()).code()).isEqualTo(200);
        // and reusing again changes nothing more
        assertRefused(refresh(alice.refreshToken()));
        assertThat(signedOutSessions(alice.userId())).containsExactly(alice.sessionId());
    }

    @Test
    void twoConcurrentUsesOfOneTokenLetOneThroughAndEndTheSession() throws Exception {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Callable<Api.Response> use = () -> {
                start.await();
                return refresh(alice.refreshToken());
            };
            var first = pool.submit(use);
            var second = pool.submit(use);
            start.countDown();
            List<Api.Response> answers = List.of(first.get(), second.get());

            assertThat(answers).extracting(Api.Response::code).containsExactlyInAnyOrder(200, 401);
            String successor = answers.stream().filter(a -> a.code() == 200).findFirst().orElseThrow().text("refreshToken");
            assertRefused(refresh(successor));
            assertThat(signedOutSessions(alice.userId())).containsExactly(alice.sessionId());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredUnknownOrBlankRefreshTokenIsRefused() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        jdbc.sql("UPDATE refresh_token SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1 minute' WHERE user_id = ? AND session_id = ?")
                .params(alice.userId(), alice.sessionId()).update();

        assertRefused(refresh(alice.refreshToken()));
        assertRefused(refresh("this-is-not-a-refresh-token"));
        assertRefused(refresh(RealUsers.register(api, RealUsers.newEmail(), "Bob").refreshToken() + "x"));
        assertThat(signedOutSessions(alice.userId())).isEmpty(); // expiry is not theft

        Api.Response blank = api.post("/api/v1/auth/refresh").body(Map.of()).send();
        assertThat(blank.code()).isEqualTo(400);
        assertThat(blank.body().path("errors").findValuesAsText("field")).containsExactly("refreshToken");
    }

    @Test
    void signingOutEndsTheSessionOnceAndLeavesOtherSessionsAndUsersAlone() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser aliceElsewhere = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Test user");
        RegisteredUser bob = RealUsers.registerAndLogIn(api);

        Api.Response out = logOut(alice, null);

        assertThat(out.code()).as(out.toString()).isEqualTo(204);
        assertRefused(refresh(alice.refreshToken()));
        assertThat(signedOutSessions(alice.userId())).containsExactly(alice.sessionId());
        String metaData = new String(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%UserSignedOut'")
                .param(alice.userId()).query(byte[].class).single());
        assertThat(metaData).contains("\"userId\":\"" + alice.userId() + "\"");

        // the ended session's access token is refused at once, so signing out again records nothing new
        assertThat(logOut(alice, Map.of()).code()).isEqualTo(401);
        assertThat(signedOutSessions(alice.userId())).containsExactly(alice.sessionId());

        assertThat(refresh(aliceElsewhere.refreshToken()).code()).isEqualTo(200);
        assertThat(refresh(bob.refreshToken()).code()).isEqualTo(200);
        assertThat(signedOutSessions(bob.userId())).isEmpty();
    }

    @Test
    void signingOutEverywhereEndsEverySession() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser aliceElsewhere = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Test user");
        RegisteredUser bob = RealUsers.registerAndLogIn(api);

        assertThat(logOut(alice, Map.of("allSessions", true)).code()).isEqualTo(204);

        assertRefused(refresh(alice.refreshToken()));
        assertRefused(refresh(aliceElsewhere.refreshToken()));
        assertThat(signedOutSessions(alice.userId())).containsExactlyInAnyOrder(alice.sessionId(), aliceElsewhere.sessionId());
        assertThat(refresh(bob.refreshToken()).code()).isEqualTo(200);
    }

    @Test
    void aRefreshTokenNamedAtSignOutEndsItsSessionOnlyIfItIsTheCallers() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser aliceElsewhere = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Test user");
        RegisteredUser bob = RealUsers.registerAndLogIn(api);

        assertThat(logOut(alice, Map.of("refreshToken", aliceElsewhere.refreshToken())).code()).isEqualTo(204);
        assertRefused(refresh(aliceElsewhere.refreshToken()));
        assertRefused(refresh(alice.refreshToken()));

        RegisteredUser aliceAgain = RealUsers.logIn(api, alice.email(), RealUsers.PASSWORD, "Test user");
        assertThat(logOut(aliceAgain, Map.of("refreshToken", bob.refreshToken())).code()).isEqualTo(204);
        assertThat(refresh(bob.refreshToken()).code()).isEqualTo(200);
        assertThat(signedOutSessions(bob.userId())).isEmpty();
    }

    @Test
    void signingOutNeedsAnAccessToken() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        Api.Response response = api.post("/api/v1/auth/logout").body(Map.of("refreshToken", alice.refreshToken())).send();
        assertThat(response.code()).isEqualTo(401);
        assertThat(refresh(alice.refreshToken()).code()).isEqualTo(200);
    }
}
