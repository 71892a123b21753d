package dev.tally.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.List;

/** Publishes committed feed entries to gateways in other processes: one JSON array of {@link FeedEntry} per commit. */
public class RedisFeedPublisher implements FeedListener {

    private final StringRedisTemplate redis;
    private final ObjectMapper objectMapper;
    private final String channel;

    public RedisFeedPublisher(StringRedisTemplate redis, ObjectMapper objectMapper, String channel) {
        this.redis = redis;
        this.objectMapper = objectMapper;
        this.channel = channel;
    }

    @Override
    public void committed(List<FeedEntry> entries) {
        try {
            redis.convertAndSend(channel, objectMapper.writeValueAsString(entries));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed entries cannot be written as JSON", e);
        }
    }
}
