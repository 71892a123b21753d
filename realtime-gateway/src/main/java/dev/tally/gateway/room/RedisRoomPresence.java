package dev.tally.gateway.room;

import org.springframework.data.redis.core.StringRedisTemplate;

import org.springframework.data.redis.connection.RedisZSetCommands;
import org.springframework.data.redis.core.RedisCallback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Room members across instances: a sorted set per room, member {@code userId|socketKey}, score = expiry, refreshed
 * with the socket counts; a crashed instance's members expire.
 */
public class RedisRoomPresence implements RoomPresence {

    private final StringRedisTemplate redis;
    private final String prefix;
    private final Duration ttl;

    public RedisRoomPresence(StringRedisTemplate redis, String prefix, Duration ttl) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
    }

    @Override
    public void joined(String room, String userId, String socketKey) {
        redis.opsForZSet().add(key(room), userId + "|" + socketKey, System.currentTimeMillis() + ttl.toMillis());
        redis.expire(key(room), ttl);
    }

    @Override
    public void left(String room, String userId, String socketKey) {
        redis.opsForZSet().remove(key(room), userId + "|" + socketKey);
    }

    @Override
    public Set<String> present(String room) {
        Set<String> users = new TreeSet<>();
        Set<String> members = redis.opsForZSet().rangeByScore(key(room), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
        if (members != null) {
            members.forEach(m -> users.add(m.substring(0, m.lastIndexOf('|'))));
        }
        return users;
    }

    /** Extends the expiry of this instance's members still present (ZADD XX): (room, userId|socketKey) pairs. */
    public void refresh(Iterable<Map.Entry<String, String>> roomMembers) {
        double expiry = System.currentTimeMillis() + ttl.toMillis();
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (Map.Entry<String, String> member : roomMembers) {
                byte[] key = key(member.getKey()).getBytes(StandardCharsets.UTF_8);
                connection.zSetCommands().zAdd(key, expiry, member.getValue().getBytes(StandardCharsets.UTF_8),
                        RedisZSetCommands.ZAddArgs.ifExists());
                connection.keyCommands().pExpire(key, ttl.toMillis());
            }
            return null;
        });
    }

    private String key(String room) {
        return prefix + ":room:" + room;
    }
}
