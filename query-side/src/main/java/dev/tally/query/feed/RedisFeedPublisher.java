package dev.tally.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import dev.tally.platform.logging.WarningOncePerMinute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed feed entries to gateways in other processes: one JSON array of {@link FeedEntry} per commit.
 * From a thread of its own, in the order the commits signalled (so each user's entries in seq order), because the
 * signal is given while the feed's per-user order is held: a slow or hung Redis must cost the live signal, which the
 * gateways catch up from the feed table, never the projection's progress. The signals waiting are sent together, in
 * one pipeline (one round trip). At most {@code backlog} commits wait; past that a signal is dropped (the same
 * catch-up makes it good) and a warning is logged at most once a minute.
 */
public class RedisFeedPublisher implements FeedListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisFeedPublisher.class);
    private static final int MOST_IN_ONE_PIPELINE = 500;

    private final StringRedisTemplate redis;
    private final ObjectMapper objectMapper;
    private final byte[] channel;
    private final int backlog;
    private final BlockingQueue<List<FeedEntry>> waiting;
    private final Thread sender;
    private final AtomicLong dropped = new AtomicLong();
    private final WarningOncePerMinute warning = new WarningOncePerMinute(log);
    private volatile boolean open = true;

    public RedisFeedPublisher(StringRedisTemplate redis, ObjectMapper objectMapper, String channel, int backlog) {
        this.redis = redis;
        this.objectMapper = objectMapper;
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
        this.backlog = backlog;
        this.waiting = new ArrayBlockingQueue<>(backlog);
        this.sender = new Thread(this::send, "feed-signal");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void committed(List<FeedEntry> entries) {
        if (!open) {
            return; // stopping: the gateways catch up from the feed table
        }
        if (!waiting.offer(entries)) {
            long all = dropped.incrementAndGet();
            warning.warn(() -> "feed signals dropped: " + backlog + " wait for Redis already (" + all + " dropped in all); "
                    + "the gateways catch up from the feed table");
        }
    }

    /** Signals dropped since the start because {@code backlog} were already waiting. */
    long dropped() {
        return dropped.get();
    }

    private void send() {
        List<List<FeedEntry>> batch = new ArrayList<>();
        while (open || !waiting.isEmpty()) {
            try {
                List<FeedEntry> first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch, MOST_IN_ONE_PIPELINE - 1);
                publish(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void publish(List<List<FeedEntry>> batch) {
        try {
            List<byte[]> messages = new ArrayList<>(batch.size());
            for (List<FeedEntry> entries : batch) {
                messages.add(objectMapper.writeValueAsBytes(entries));
            }
            redis.executePipelined((RedisCallback<Object>) connection -> {
                messages.forEach(message -> connection.publish(channel, message));
                return null;
            });
        } catch (JsonProcessingException | RuntimeException e) {
            warning.warn(() -> "feed signals not published (" + e + "); the gateways catch up from the feed table");
        }
    }

    /** The signals of the last commits still go out on a graceful stop, for a few seconds at most. */
    @Override
    public void close() throws InterruptedException {
        open = false;
        sender.join(5_000);
    }
}
