package dev.tally.command.ratelimit;

import dev.tally.platform.logging.WarningOncePerMinute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Buckets shared by every command-side instance, in Redis: one script call (EVALSHA, one round trip) per request,
 * refilled by Redis's own clock so instances' clocks do not matter. A small Lua bucket rather than Bucket4j: its Redis
 * back-ends read the state and then compare-and-swap it, two round trips per request. When Redis cannot be reached the
 * request is let through (a limiter must not take the API down with it), and a warning is logged at most once a minute.
 */
public class RedisTokenBuckets implements TokenBuckets {

    private static final Logger log = LoggerFactory.getLogger(RedisTokenBuckets.class);
    private static final DefaultRedisScript<Long> TAKE = new DefaultRedisScript<>("""
            local capacity = tonumber(ARGV[1])
            local rate = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then
              tokens = capacity
              at = now
            end
            tokens = math.min(capacity, tokens + math.max(0, now - at) * rate / 1000)
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.ceil((1 - tokens) * 1000 / rate)
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return wait
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final WarningOncePerMinute unreachable = new WarningOncePerMinute(log);

    public RedisTokenBuckets(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.prefix = prefix + ":rate:";
    }

    @Override
    public Optional<Duration> take(String key, RateLimits.Limit limit) {
        try {
            Long wait = redis.execute(TAKE, List.of(prefix + key), Long.toString(limit.capacity()),
                    Double.toString(limit.perSecond()), Long.toString(limit.refillMillis() + 1000));
            return wait == null || wait <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(wait));
        } catch (RuntimeException e) {
            unreachable.warn(() -> "rate limits not applied: Redis cannot be reached (" + e + ")");
            return Optional.empty();
        }
    }
}
