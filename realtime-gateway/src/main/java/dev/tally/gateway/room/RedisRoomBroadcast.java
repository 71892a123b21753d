package dev.tally.gateway.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Room emits across instances over {@code <prefix>:rooms} as {@code {"room","event","payload"}}; each instance emits locally. */
public class RedisRoomBroadcast implements RoomBroadcast, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisRoomBroadcast.class);
    private final StringRedisTemplate redis;
    private final String channel;
    private final ObjectMapper json;
    private final LocalRoomBroadcast local;

    public RedisRoomBroadcast(StringRedisTemplate redis, String channel, ObjectMapper json, LocalRoomBroadcast local) {
        this.redis = redis;
        this.channel = channel;
        this.json = json;
        this.local = local;
    }

    @Override
    public void emit(String room, String event, JsonNode payload) {
        var message = json.createObjectNode().put("room", room).put("event", event);
        message.set("payload", payload);
        redis.convertAndSend(channel, message.toString());
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            JsonNode node = json.readTree(message.getBody());
            local.emit(node.get("room").asText(), node.get("event").asText(), node.get("payload"));
        } catch (Exception e) {
            log.warn("unreadable room message dropped: {}", e.toString());
        }
    }
}
