package dev.tally.gateway.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Kicks across instances: publishes {@code {"userId","sessionId"}} on {@code <prefix>:sessions}; every instance
 * (this one included) receives it and kicks its own matching sockets. The command side may publish the same message.
 */
public class RedisSessionKick implements SessionKick, MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisSessionKick.class);
    private final StringRedisTemplate redis;
    private final String channel;
    private final ObjectMapper json;
    private final LocalSessionKick local;

    public RedisSessionKick(StringRedisTemplate redis, String channel, ObjectMapper json, LocalSessionKick local) {
        this.redis = redis;
        this.channel = channel;
        this.json = json;
        this.local = local;
    }

    @Override
    public void kick(String userId, String sessionId) {
        var message = json.createObjectNode().put("userId", userId);
        message.put("sessionId", sessionId);
        redis.convertAndSend(channel, message.toString());
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            JsonNode kick = json.readTree(message.getBody());
            if (kick.path("userId").isTextual()) {
                local.kick(kick.get("userId").asText(), kick.path("sessionId").isTextual() ? kick.get("sessionId").asText() : null);
            }
        } catch (Exception e) {
            log.warn("unreadable session kick dropped: {}", e.toString());
        }
    }
}
