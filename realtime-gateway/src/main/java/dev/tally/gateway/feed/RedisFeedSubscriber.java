package dev.tally.gateway.feed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

import java.util.List;

/**
 * Split deployment: the query side publishes each commit's feed entries on {@code <prefix>:feed} as a JSON array of
 * {@link FeedEntry}; every gateway instance hands them to its live feed. A lost message is caught up from the table.
 */
public class RedisFeedSubscriber implements MessageListener {

    private static final Logger log = LoggerFactory.getLogger(RedisFeedSubscriber.class);
    private static final TypeReference<List<FeedEntry>> ENTRIES = new TypeReference<>() { };
    private final ObjectMapper json;
    private final FeedListener live;

    public RedisFeedSubscriber(ObjectMapper json, FeedListener live) {
        this.json = json;
        this.live = live;
    }

    @Override
    public void onMessage(Message message, byte[] pattern) {
        try {
            live.committed(json.readValue(message.getBody(), ENTRIES));
        } catch (Exception e) {
            log.warn("unreadable feed signal dropped (the catch-up read covers it): {}", e.toString());
        }
    }
}
