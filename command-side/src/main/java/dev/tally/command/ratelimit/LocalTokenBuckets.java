package dev.tally.command.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;

/**
 * Buckets in this process's memory (one process, or no Redis): a map look-up and a few arithmetic operations per
 * request. A bucket untouched for as long as it takes to refill is full again, and is dropped.
 */
public class LocalTokenBuckets implements TokenBuckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(1_000_000)
            .expireAfterAccess(Duration.ofHours(1)).executor(Runnable::run).build();

    @Override
    public Optional<Duration> take(String key, RateLimits.Limit limit) {
        return buckets.get(key, k -> new Bucket(limit.capacity(), System.nanoTime())).take(limit, System.nanoTime());
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        synchronized Optional<Duration> take(RateLimits.Limit limit, long now) {
            tokens = Math.min(limit.capacity(), tokens + (now - at) / 1e9 * limit.perSecond());
            at = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis((long) Math.ceil((1 - tokens) * 1000 / limit.perSecond())));
        }
    }
}
