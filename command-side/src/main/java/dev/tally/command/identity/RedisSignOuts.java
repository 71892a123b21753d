package dev.tally.command.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.identity.SignOutListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.Map;

/**
 * Split deployments: publishes a sign-out on {@code <prefix>:sessions}, where every gateway closes that session's
 * sockets with {@code 41}. Enabled with {@code tally.gateway.redis.enabled}.
 */
public class RedisSignOuts implements SignOutListener {

    private final StringRedisTemplate redis;
    private final String channel;
    private final ObjectMapper json = new ObjectMapper();

    public RedisSignOuts(StringRedisTemplate redis, String prefix) {
        this.redis = redis;
        this.channel = prefix + ":sessions";
    }

    @Override
    public void signedOut(String userId, String sessionId) {
        try {
            redis.convertAndSend(channel, json.writeValueAsString(Map.of("userId", userId, "sessionId", sessionId)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
