package dev.tally.api.feed;

import java.util.function.Function;

/**
 * One kind of feed entry, declared once in {@link FeedEvents}: the Socket.IO event name clients receive, the type its
 * payload has, whether it coalesces, and its state key: how a payload names the thing it is about (an expense, an
 * account, a month's dashboard, a budget period). A coalescing event describes how that thing stands, so of consecutive
 * entries with one key the newest may replace the older ones.
 */
public record FeedEvent<P>(String name, Class<P> payloadType, boolean coalesces, Function<? super P, String> stateKey) {

    /** The key of the thing {@code payload} is about, as the feed entry carries it. */
    public String stateKeyOf(P payload) {
        return stateKey.apply(payload);
    }
}
