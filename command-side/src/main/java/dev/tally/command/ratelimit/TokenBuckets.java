package dev.tally.command.ratelimit;

import java.time.Duration;
import java.util.Optional;

/** Takes one request from the bucket {@code key}; empty when allowed, else how long until one would be. */
public interface TokenBuckets {

    Optional<Duration> take(String key, RateLimits.Limit limit);
}
