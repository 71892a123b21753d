package dev.tally.command.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Sign-in throttling: at most {@code maxFailuresPerEmail} failed sign-ins per email and {@code maxFailuresPerAddress}
 * per client address within {@code throttleWindow}; then 429 until the oldest counted failure leaves the window.
 * The per-address limit is higher because several people may share one address (offices, mobile carriers).
 */
@ConfigurationProperties("tally.identity")
public record IdentityProperties(Integer maxFailuresPerEmail, Integer maxFailuresPerAddress, Duration throttleWindow) {

    public IdentityProperties {
        maxFailuresPerEmail = maxFailuresPerEmail == null ? 5 : maxFailuresPerEmail;
        maxFailuresPerAddress = maxFailuresPerAddress == null ? 20 : maxFailuresPerAddress;
        throttleWindow = throttleWindow == null ? Duration.ofMinutes(15) : throttleWindow;
        if (maxFailuresPerEmail < 1 || maxFailuresPerAddress < 1 || throttleWindow.isNegative() || throttleWindow.isZero()) {
            throw new IllegalArgumentException("tally.identity: failure limits must be at least 1 and the throttle window positive");
        }
    }
}
