package dev.tally.gateway.presence;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.springframework.data.redis.connection.RedisZSetCommands;
import org.springframework.data.redis.core.RedisCallback;

/**
 * Sockets per user across instances: a sorted set per user, member = instance:socket, score = expiry. Each instance
 * refreshes its own members; the entries of a crashed instance expire, so its sockets stop counting.
 */
public class RedisSocketCounter implements SocketCounter {

    private static final DefaultRedisScript<Long> TRY_ADD = new DefaultRedisScript<>("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZSCORE', KEYS[1], ARGV[3]) then return 1 end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[5])
            return 1
            """, Long.class);

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration ttl;

    public RedisSocketCounter(StringRedisTemplate redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    @Override
    public boolean tryAdd(String userId, String socketKey, int cap) {
        long now = System.currentTimeMillis();
        Long added = redis.execute(TRY_ADD, List.of(key(userId)), Long.toString(now), Long.toString(now + ttl.toMillis()),
                socketKey, Integer.toString(cap), Long.toString(ttl.toMillis()));
        return added != null && added == 1;
    }

    @Override
    public void remove(String userId, String socketKey) {
        redis.opsForZSet().remove(key(userId), socketKey);
    }

    @Override
    public int count(String userId) {
        Long n = redis.opsForZSet().count(key(userId), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
        return n == null ? 0 : n.intValue();
    }

    /** Extends the expiry of this instance's live sockets (only members still present: ZADD XX); run well within the TTL. */
    public void refresh(Collection<Map.Entry<String, String>> userAndSocketKeys) {
        double expiry = System.currentTimeMillis() + ttl.toMillis();
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Map.Entry<String, String> entry : userAndSocketKeys) {
                byte[] key = key(entry.getKey()).getBytes(StandardCharsets.UTF_8);
                connection.zSetCommands().zAdd(key, expiry, entry.getValue().getBytes(StandardCharsets.UTF_8),
                        RedisZSetCommands.ZAddArgs.ifExists());
                connection.keyCommands().pExpire(key, ttl.toMillis());
            }
            return null;
        });
    }

    private String key(String userId) {
        return prefix + ":sockets:" + userId;
    }
}
