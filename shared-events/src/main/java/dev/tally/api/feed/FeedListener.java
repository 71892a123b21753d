package dev.tally.api.feed;

import java.util.List;

/**
 * Told about feed entries after the transaction that appended them committed, in {@code seq} order per user.
 * In one JVM the gateway listens directly; across processes a Redis publisher/subscriber pair stands between.
 * A signal may be lost; listeners must catch up from the feed table, never trust the signal alone.
 */
public interface FeedListener {

    void committed(List<FeedEntry> entries);
}
