package dev.tally.query.feed;

/** One update for one user, before it has a place in the feed: the Socket.IO event name and the payload object. */
public record FeedUpdate(String userId, String event, Object payload) {
}
