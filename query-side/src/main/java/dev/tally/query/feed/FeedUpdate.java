package dev.tally.query.feed;

import java.util.function.Supplier;

/**
 * One update for one user, before it has a place in the feed: the Socket.IO event name and the payload object.
 * A <em>state</em> update ({@link #state}) describes how something stands (a month's dashboard), not what happened: its
 * payload is computed once, at commit, however many events of the transaction touched it.
 */
public record FeedUpdate(String userId, String event, Object payload, String stateKey, Supplier<?> state) {

    public FeedUpdate(String userId, String event, Object payload) {
        this(userId, event, payload, null, null);
    }

    /** {@code event} for {@code userId} about the thing {@code key} names, as it stands when the transaction commits. */
    public static FeedUpdate state(String userId, String event, String key, Supplier<?> payload) {
        return new FeedUpdate(userId, event, null, key, payload);
    }

    boolean isState() {
        return state != null;
    }
}
