package dev.tally.api.feed;

import java.time.Instant;

/**
 * One update in a user's durable feed, exactly what a dashboard receives: {@code event} is the Socket.IO event name
 * ({@code expense:created}, {@code balance:updated} …, see {@link FeedEvents}), {@code stateKey} names the thing it is
 * about (its {@link FeedEvent#stateKey}; null when unknown, which never coalesces), {@code payload} the JSON object text
 * sent with it (without {@code _meta}, which the gateway adds from {@code seq} and {@code epoch}). Per user, {@code seq}
 * is strictly increasing with no gaps within an epoch; {@code globalIndex} is the event store position that caused it.
 */
public record FeedEntry(String userId, long seq, String epoch, String event, String stateKey, String payload, long globalIndex,
                        Instant createdAt) {

    /** An entry about no particular thing: it never coalesces. */
    public FeedEntry(String userId, long seq, String epoch, String event, String payload, long globalIndex, Instant createdAt) {
        this(userId, seq, epoch, event, null, payload, globalIndex, createdAt);
    }

    /** Whether this entry and {@code next} are updates of one thing that coalesce, {@code next} right after this one. */
    public boolean coalescesWith(FeedEntry next) {
        return stateKey != null && FeedEvents.coalesces(event) && next.event.equals(event) && stateKey.equals(next.stateKey)
                && next.epoch.equals(epoch) && next.seq == seq + 1;
    }
}
