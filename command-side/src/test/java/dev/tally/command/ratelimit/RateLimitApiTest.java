package dev.tally.command.ratelimit;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finding 2: commands per user and registration, sign-in and refresh per address are token buckets; a request over the
 * budget gets 429 with Retry-After before it does any work. Small budgets here (their own application context), so
 * the rule shows within a few requests; the defaults are checked against docs/operations.md below.
 */
@TestPropertySource(properties = {
        "tally.rate-limit.commands-per-user.capacity=5", "tally.rate-limit.commands-per-user.per-second=0.01",
        "tally.rate-limit.registrations-per-address.capacity=3", "tally.rate-limit.registrations-per-address.per-second=0.01",
        "tally.rate-limit.sign-ins-per-address.capacity=3", "tally.rate-limit.sign-ins-per-address.per-second=0.01",
        "tally.rate-limit.refreshes-per-address.capacity=2", "tally.rate-limit.refreshes-per-address.per-second=0.01"})
class RateLimitApiTest extends CommandApiTest {

    @Autowired
    private TokenBuckets buckets;

    private void assertLimited(Api.Response response) {
        assertThat(response.code()).as(response.toString()).isEqualTo(429);
        assertThat(response.headers().getContentType()).hasToString("application/problem+json");
        assertThat(response.text("code")).isEqualTo("rate_limited");
        long retryAfter = Long.parseLong(response.headers().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 101L);
        assertThat(response.body().path("retryAfter").asLong()).isEqualTo(retryAfter);
    }

    @Test
    void aUsersCommandsBeyondTheBudgetAreRefusedAndAppendNothingWhileOthersGoOn() {
        TestUser alice = someUser();
        TestUser bob = someUser();
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/categories").as(alice).body(Map.of("name", "Pets " + i, "kind", "EXPENSE")).send().code())
                    .isEqualTo(201);
        }
        long events = eventCount();

        assertLimited(api.post("/api/v1/categories").as(alice).body(Map.of("name", "One more", "kind", "EXPENSE")).send());
        assertLimited(api.post("/api/v1/accounts").as(alice).body(Map.of("name", "Cash", "type", "CASH", "currency", "EUR")).send());

        assertThat(eventCount()).isEqualTo(events);
        // the budget is the user's, not the address's: Bob, from the same address, is not limited
        assertThat(api.post("/api/v1/categories").as(bob).body(Map.of("name", "Pets", "kind", "EXPENSE")).send().code()).isEqualTo(201);
    }

    @Test
    void registrationSignInAndRefreshAreCountedPerAddressBeforeAnyPasswordHash() {
        long credentials = jdbc.sql("SELECT COUNT(*) FROM user_credentials").query(Long.class).single();
        String[] emails = {RealUsers.newEmail(), RealUsers.newEmail(), RealUsers.newEmail()};
        for (String email : emails) {
            assertThat(api.post("/api/v1/auth/register").body(Map.of("email", email, "password", RealUsers.PASSWORD,
                    "displayName", "Someone")).send().code()).isEqualTo(202);
        }
        assertLimited(api.post("/api/v1/auth/register").body(Map.of("email", RealUsers.newEmail(), "password", RealUsers.PASSWORD,
                "displayName", "One too many")).send());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM user_credentials").query(Long.class).single()).isEqualTo(credentials + 3);

        String refresh = null;
        for (String email : emails) {
            Api.Response signedIn = api.post("/api/v1/auth/login").body(Map.of("email", email, "password", RealUsers.PASSWORD)).send();
            assertThat(signedIn.code()).isEqualTo(200);
            refresh = signedIn.text("refreshToken");
        }
        assertLimited(api.post("/api/v1/auth/login").body(Map.of("email", emails[0], "password", RealUsers.PASSWORD)).send());

        Api.Response first = api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", refresh)).send();
        assertThat(first.code()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", first.text("refreshToken"))).send().code()).isEqualTo(200);
        assertLimited(api.post("/api/v1/auth/refresh").body(Map.of("refreshToken", "whatever")).send());
    }

    @Test
    void aBucketRefillsAtItsRate() throws InterruptedException {
        RateLimits.Limit tenPerSecond = new RateLimits.Limit(2, 10);
        String key = "test:" + java.util.UUID.randomUUID();
        assertThat(buckets.take(key, tenPerSecond)).isEmpty();
        assertThat(buckets.take(key, tenPerSecond)).isEmpty();
        assertThat(buckets.take(key, tenPerSecond)).hasValueSatisfying(wait -> assertThat(wait.toMillis()).isBetween(1L, 100L));
        Thread.sleep(150);
        assertThat(buckets.take(key, tenPerSecond)).isEmpty();
    }
}
