package dev.tally.gateway.cluster;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.platform.logging.WarningOncePerMinute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.listener.ChannelTopic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Several instances sharing a Redis, under {@code <prefix>}:
 * <ul>
 * <li>pub/sub {@code <prefix>:rooms} ({@code {"room","event","payload"}}) and {@code <prefix>:sessions}
 *     ({@code {"userId","sessionId"}}, which the command side may publish too): every instance, this one included,
 *     applies them to its own sockets ({@link LocalCluster});</li>
 * <li>pub/sub {@code <prefix>:feed}: the query side's committed feed entries, a JSON array of {@link FeedEntry}, for
 *     the live feed (a lost message is caught up from the table);</li>
 * <li>sorted sets {@code <prefix>:sockets:<user>} (member {@code instance:socket}) and {@code <prefix>:room:<room>}
 *     (member {@code user|instance:socket}), score = expiry: each instance {@link #refresh refreshes} its own members,
 *     so a crashed instance's sockets stop counting after the TTL, and a restarted Redis counts them again.</li>
 * </ul>
 */
public class RedisCluster implements Cluster, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);
    private static final TypeReference<List<FeedEntry>> ENTRIES = new TypeReference<>() { };
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
    private final ObjectMapper json;
    private final LocalCluster local;
    private final FeedListener live;
    private final WarningOncePerMinute unreachable = new WarningOncePerMinute(log);

    public RedisCluster(StringRedisTemplate redis, String prefix, Duration ttl, ObjectMapper json, LocalCluster local, FeedListener live) {
        this.redis = redis;
        this.prefix = prefix;
        this.ttl = ttl;
        this.json = json;
        this.local = local;
        this.live = live;
    }

    /** The channels to subscribe this listener to. */
    public List<ChannelTopic> channels() {
        return List.of(new ChannelTopic(channel("rooms")), new ChannelTopic(channel("sessions")), new ChannelTopic(channel("feed")));
    }

    @Override
    public void emit(String room, String event, JsonNode payload) {
        var message = json.createObjectNode().put("room", room).put("event", event);
        message.set("payload", payload);
        orHere(() -> redis.convertAndSend(channel("rooms"), message.toString()), () -> local.emit(room, event, payload));
    }

    @Override
    public void joined(String room, String userId, String socketKey) {
        orHere(() -> {
            redis.opsForZSet().add(roomKey(room), userId + "|" + socketKey, expiry());
            redis.expire(roomKey(room), ttl);
        }, () -> { }); // counted at the next refresh
    }

    @Override
    public void left(String room, String userId, String socketKey) {
        orHere(() -> redis.opsForZSet().remove(roomKey(room), userId + "|" + socketKey), () -> { }); // expires after the TTL
    }

    @Override
    public Set<String> present(String room) {
        return orHere(() -> {
            Set<String> users = new TreeSet<>();
            Set<String> members = redis.opsForZSet().rangeByScore(roomKey(room), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
            if (members != null) {
                members.forEach(m -> users.add(m.substring(0, m.lastIndexOf('|'))));
            }
            return users;
        }, () -> local.present(room));
    }

    @Override
    public void kick(String userId, String sessionId) {
        var message = json.createObjectNode().put("userId", userId);
        message.put("sessionId", sessionId);
        // the other instances close theirs from the poll of ended sessions (SessionRegistry)
        orHere(() -> redis.convertAndSend(channel("sessions"), message.toString()), () -> local.kick(userId, sessionId));
    }

    /** When the count cannot be reached the socket is let through, as the API's rate limits let requests through. */
    @Override
    public boolean tryAddSocket(String userId, String socketKey, int cap) {
        long now = System.currentTimeMillis();
        return orHere(() -> {
            Long added = redis.execute(TRY_ADD, List.of(socketsKey(userId)), Long.toString(now), Long.toString(now + ttl.toMillis()),
                    socketKey, Integer.toString(cap), Long.toString(ttl.toMillis()));
            return added != null && added == 1;
        }, () -> true); // counted at the next refresh
    }

    @Override
    public void removeSocket(String userId, String socketKey) {
        orHere(() -> redis.opsForZSet().remove(socketsKey(userId), socketKey), () -> { }); // expires after the TTL
    }

    @Override
    public int sockets(String userId) {
        return orHere(() -> {
            Long n = redis.opsForZSet().count(socketsKey(userId), System.currentTimeMillis(), Double.POSITIVE_INFINITY);
            return n == null ? 0 : n.intValue();
        }, () -> local.connectedHere(userId));
    }

    /**
     * Redis cannot be reached (calls fail at once meanwhile, see the platform's RedisClientAutoConfiguration): what this
     * instance can do alone instead, so that nothing a socket asks for fails or is half done because of it.
     */
    private <T> T orHere(Supplier<T> viaRedis, Supplier<T> here) {
        try {
            return viaRedis.get();
        } catch (DataAccessException e) {
            unreachable.warn(() -> "Redis cannot be reached (" + e + "): rooms, presence, caps and kicks span this instance only meanwhile");
            return here.get();
        }
    }

    private void orHere(Runnable viaRedis, Runnable here) {
        orHere(() -> {
            viaRedis.run();
            return null;
        }, () -> {
            here.run();
            return null;
        });
    }

    /**
     * Counts this instance's members again with a new expiry, in one pipeline; run well within the TTL. Members are
     * added, not only extended, so that a Redis that restarted empty (it keeps nothing on disk) counts them again.
     *
     * @param userSockets (userId, socketKey) of its open sockets
     * @param roomMembers (room, userId|socketKey) of their expense rooms
     */
    public void refresh(Collection<Map.Entry<String, String>> userSockets, Collection<Map.Entry<String, String>> roomMembers) {
        double expiry = expiry();
        pipelined(userSockets, roomMembers, (connection, key, member) -> {
            connection.zSetCommands().zAdd(key, expiry, member);
            connection.keyCommands().pExpire(key, ttl.toMillis());
        });
    }

    /** Takes members out again, in one pipeline: those that closed or left a room while {@link #refresh} added them. */
    public void forget(Collection<Map.Entry<String, String>> userSockets, Collection<Map.Entry<String, String>> roomMembers) {
        if (!userSockets.isEmpty() || !roomMembers.isEmpty()) {
            pipelined(userSockets, roomMembers, (connection, key, member) -> connection.zSetCommands().zRem(key, member));
        }
    }

    private interface MemberCommand {
        void apply(RedisConnection connection, byte[] key, byte[] member);
    }

    private void pipelined(Collection<Map.Entry<String, String>> userSockets, Collection<Map.Entry<String, String>> roomMembers,
                           MemberCommand command) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            userSockets.forEach(e -> command.apply(connection, bytes(socketsKey(e.getKey())), bytes(e.getValue())));
            roomMembers.forEach(e -> command.apply(connection, bytes(roomKey(e.getKey())), bytes(e.getValue())));
            return null;
        });
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        String channel = new String(message.getChannel(), StandardCharsets.UTF_8);
        try {
            if (channel.equals(channel("feed"))) {
                live.committed(json.readValue(message.getBody(), ENTRIES));
                return;
            }
            JsonNode body = json.readTree(message.getBody());
            if (channel.equals(channel("rooms"))) {
                local.emit(body.get("room").asText(), body.get("event").asText(), body.get("payload"));
            } else if (body.path("userId").isTextual()) {
                local.kick(body.get("userId").asText(), body.path("sessionId").isTextual() ? body.get("sessionId").asText() : null);
            }
        } catch (Exception e) {
            log.warn("unreadable message on {} dropped: {}", channel, e.toString());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private double expiry() {
        return System.currentTimeMillis() + ttl.toMillis();
    }

    private String channel(String name) {
        return prefix + ":" + name;
    }

    private String socketsKey(String userId) {
        return prefix + ":sockets:" + userId;
    }

    private String roomKey(String room) {
        return prefix + ":room:" + room;
    }
}
