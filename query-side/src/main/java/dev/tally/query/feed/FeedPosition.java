package dev.tally.query.feed;

/** Where a user's feed stands: a client that holds this position continues its socket from {@code seq} in {@code epoch}. */
public record FeedPosition(String epoch, long seq) {
}
