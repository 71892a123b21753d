package dev.tally.command.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Counts failed sign-ins per email and per client address in {@code sign_in_failure}, so that all command-side
 * instances agree. Keys are hashed: the table holds no email addresses typed by strangers. The email key is the
 * submitted (normalised) email whether or not it is registered, so a 429 reveals nothing about accounts either.
 * Concurrent attempts may each pass the check before either failure is recorded; the limit can be overshot by the
 * number of attempts in flight at once, which is acceptable for throttling.
 */
@Component
class SignInThrottle {

    private final JdbcClient jdbc;
    private final IdentityProperties properties;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, IdentityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** @throws TooManyAttempts while the email or the address has had too many failures within the window */
    void check(String email, String address) {
        Instant now = clock.instant();
        Optional<Instant> latest = Stream.of(
                        blockedUntil(emailKey(email), properties.maxFailuresPerEmail(), now),
                        blockedUntil(addressKey(address), properties.maxFailuresPerAddress(), now))
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
        if (latest.isPresent()) {
            long seconds = Math.max(1, Duration.between(now, latest.get()).toSeconds() + 1);
            throw new TooManyAttempts(Duration.ofSeconds(seconds));
        }
    }

    void recordFailure(String email, String address) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("INSERT INTO sign_in_failure (throttle_key, failed_at) VALUES (?, ?), (?, ?)")
                .params(emailKey(email), now, addressKey(address), now)
                .update();
    }

    /** A successful sign-in forgives the email's failures (not the address's: one good password must not unlock guessing others). */
    void recordSuccess(String email) {
        jdbc.sql("DELETE FROM sign_in_failure WHERE throttle_key = ?").param(emailKey(email)).update();
    }

    @Scheduled(fixedDelayString = "${tally.identity.sweep-interval:PT1H}")
    public void forgetOldFailures() {
        jdbc.sql("DELETE FROM sign_in_failure WHERE failed_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.throttleWindow()))).update();
    }

    /** Blocked while {@code max} failures lie within the window: until the max-th most recent of them leaves it. */
    private Optional<Instant> blockedUntil(String key, int max, Instant now) {
        return jdbc.sql("SELECT failed_at FROM sign_in_failure WHERE throttle_key = ? AND failed_at > ? ORDER BY failed_at DESC LIMIT 1 OFFSET ?")
                .params(key, Timestamp.from(now.minus(properties.throttleWindow())), max - 1)
                .query(Timestamp.class).optional()
                .map(failedAt -> failedAt.toInstant().plus(properties.throttleWindow()));
    }

    private static String emailKey(String email) {
        return RefreshTokens.sha256("email:" + email);
    }

    private static String addressKey(String address) {
        return RefreshTokens.sha256("address:" + address);
    }
}
