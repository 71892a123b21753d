package dev.tally.query.sync;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * A page of the caller's feed after {@code since}. {@code recovered} false means the entries after {@code since}
 * are no longer all there (another epoch, or older than the retention): reload through REST and continue from
 * {@code latestSeq} in {@code epoch}. Otherwise {@code entries} continue exactly after {@code since}; ask again from
 * the last seq while {@code hasMore}.
 */
public record SyncPage(String epoch, long since, long latestSeq, boolean recovered, boolean hasMore, List<Entry> entries) {

    /** One feed entry: the Socket.IO event and its payload, with the {@code _meta} the socket would add. */
    public record Entry(long seq, String event, JsonNode payload, Instant createdAt) {
    }
}
