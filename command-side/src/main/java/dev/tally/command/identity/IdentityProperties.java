package dev.tally.command.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Progressive sign-in delays (OWASP's alternative to lockouts): failed sign-ins are counted per email <em>and</em>
 * client address. After {@code freeFailures} of them, every further attempt for that email from that address must wait
 * {@code firstDelay}, doubled with each further failure up to {@code maxDelay}, counted from the last failure; failures
 * older than {@code failureMemory} are forgotten. So someone guessing from one address is slowed to a crawl, while the
 * owner signing in from anywhere else is not slowed at all, and nobody can lock the owner out.
 */
@ConfigurationProperties("tally.identity")
public record IdentityProperties(Integer freeFailures, Duration firstDelay, Duration maxDelay, Duration failureMemory) {

    public IdentityProperties {
        freeFailures = freeFailures == null ? 3 : freeFailures;
        firstDelay = firstDelay == null ? Duration.ofSeconds(1) : firstDelay;
        maxDelay = maxDelay == null ? Duration.ofMinutes(15) : maxDelay;
        failureMemory = failureMemory == null ? Duration.ofHours(1) : failureMemory;
        if (freeFailures < 0 || (firstDelay.isNegative() || firstDelay.isZero()) || maxDelay.compareTo(firstDelay) < 0 || (failureMemory.isNegative() || failureMemory.isZero())) {
            throw new IllegalArgumentException("tally.identity: free-failures must be 0 or more, delays positive "
                    + "(max-delay at least first-delay) and failure-memory positive");
        }
    }

    /** How long to wait after the {@code failures}-th failure (zero while within the free ones). */
    Duration delayAfter(long failures) {
        if (failures < freeFailures) {
            return Duration.ZERO;
        }
        long doublings = Math.min(failures - freeFailures, 40);
        Duration delay = firstDelay.multipliedBy(1L << Math.min(doublings, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
