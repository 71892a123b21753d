package dev.tally.command.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token buckets: each bucket holds at most {@code capacity} requests and refills {@code perSecond}. Commands are
 * counted per user (REST and the commands a gateway forwards for a socket share one budget: the gateway sends the
 * user's token); registration, sign-in and refresh per client address. Defaults and why: docs/operations.md.
 */
@ConfigurationProperties("tally.rate-limit")
public record RateLimits(@DefaultValue("true") boolean enabled,
                         @DefaultValue({"240", "120"}) Limit commandsPerUser,
                         @DefaultValue({"300", "1"}) Limit registrationsPerAddress,
                         @DefaultValue({"300", "1"}) Limit signInsPerAddress,
                         @DefaultValue({"300", "1"}) Limit refreshesPerAddress,
                         @DefaultValue({"30", "0.1"}) Limit mailTokensPerAddress) {

    /** At most {@code capacity} at once, then {@code perSecond} (a fraction for less than one a second). */
    public record Limit(long capacity, double perSecond) {
        public Limit {
            if (capacity < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("tally.rate-limit: capacity must be at least 1 and per-second above 0");
            }
        }

        /** How long an untouched bucket takes to be full again: after that it can be forgotten. */
        long refillMillis() {
            return (long) Math.ceil(capacity * 1000 / perSecond);
        }
    }
}
