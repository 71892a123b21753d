package dev.tally.query.feed;

import dev.tally.api.feed.FeedEvent;

import java.util.function.Supplier;

/**
 * One update for one user, before it has a place in the feed: the feed event, the key of the thing it is about (from
 * the event's declaration) and the payload object. A <em>state</em> update ({@link #state}) describes how something
 * stands (a month's dashboard), not what happened: its payload is computed once, at commit, however many events of the
 * transaction touched it.
 */
public record FeedUpdate(String userId, FeedEvent<?> event, String stateKey, Object payload, Supplier<?> state) {

    public <P> FeedUpdate(String userId, FeedEvent<P> event, P payload) {
        this(userId, event, event.stateKeyOf(payload), payload, null);
    }

    /** {@code event} for {@code userId} about the thing {@code key} names, as it stands when the transaction commits. */
    public static <P> FeedUpdate state(String userId, FeedEvent<P> event, String key, Supplier<? extends P> payload) {
        return new FeedUpdate(userId, event, key, null, payload);
    }

    boolean isState() {
        return state != null;
    }
}
