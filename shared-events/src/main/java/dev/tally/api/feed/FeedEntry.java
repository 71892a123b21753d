package dev.tally.api.feed;

import java.time.Instant;

/**
 * One update in a user's durable feed, exactly what a dashboard receives: {@code event} is the Socket.IO event name
 * ({@code expense:created}, {@code balance:updated} …), {@code payload} the JSON object text sent with it (without
 * {@code _meta}, which the gateway adds from {@code seq} and {@code epoch}). Per user, {@code seq} is strictly increasing
 * with no gaps within an epoch; {@code globalIndex} is the event store position that caused it.
 */
public record FeedEntry(String userId, long seq, String epoch, String event, String payload, long globalIndex, Instant createdAt) {
}
