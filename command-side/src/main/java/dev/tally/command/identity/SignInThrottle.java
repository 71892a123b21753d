package dev.tally.command.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Progressive delays for failed sign-ins, per email and client address together ({@link IdentityProperties}), counted
 * in {@code sign_in_failure} so that all command-side instances agree. Keys are hashed: the table holds no email
 * addresses typed by strangers. The email in the key is the submitted (normalised) one whether or not it is
 * registered, so a 429 reveals nothing about accounts. How many sign-ins one address may try at all is the rate
 * limit's business (tally.rate-limit.sign-ins-per-address), not a count of failures that would shut out everyone
 * behind that address. Concurrent attempts may each pass the check before either failure is recorded; the delay can
 * be overshot by the attempts in flight at once, which is acceptable for a delay.
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

    /** @throws TooManyAttempts while this email's delay from this address runs (even for the right password) */
    void check(String email, String address) {
        Instant now = clock.instant();
        var failures = jdbc.sql("SELECT COUNT(*), MAX(failed_at) FROM sign_in_failure WHERE throttle_key = ? AND failed_at > ?")
                .params(key(email, address), Timestamp.from(now.minus(properties.failureMemory())))
                .query((rs, n) -> new Failures(rs.getLong(1), rs.getTimestamp(2)))
                .single();
        if (failures.last() == null) {
            return;
        }
        Instant until = failures.last().toInstant().plus(properties.delayAfter(failures.count()));
        if (now.isBefore(until)) {
            throw new TooManyAttempts(Duration.between(now, until));
        }
    }

    void recordFailure(String email, String address) {
        jdbc.sql("INSERT INTO sign_in_failure (throttle_key, failed_at) VALUES (?, ?)")
                .params(key(email, address), Timestamp.from(clock.instant()))
                .update();
    }

    /** A successful sign-in forgives this email's failures from this address. */
    void recordSuccess(String email, String address) {
        jdbc.sql("DELETE FROM sign_in_failure WHERE throttle_key = ?").param(key(email, address)).update();
    }

    @Scheduled(fixedDelayString = "${tally.identity.sweep-interval:PT1H}")
    public void forgetOldFailures() {
        jdbc.sql("DELETE FROM sign_in_failure WHERE failed_at < ?")
                .param(Timestamp.from(clock.instant().minus(properties.failureMemory()))).update();
    }

    private static String key(String email, String address) {
        return RefreshTokens.sha256("email:" + email + "\naddress:" + address);
    }

    private record Failures(long count, Timestamp last) {
    }
}
