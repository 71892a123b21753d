package dev.tally.query.feed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the per-user feed ({@code tally.query.feed.*}).
 *
 * @param retention    entries older than this may go ...
 * @param minEntries   ... but each user keeps at least this many latest entries
 * @param redisEnabled publish committed entries on {@code redisChannel} for gateways in other processes
 * @param redisChannel where committed entries are published
 * @param syncPageSize the most entries one {@code GET /api/v1/sync} page returns
 */
@ConfigurationProperties("tally.query.feed")
public record FeedProperties(@DefaultValue("P30D") Duration retention,
                             @DefaultValue("10000") int minEntries,
                             @DefaultValue("false") boolean redisEnabled,
                             @DefaultValue("tally:feed") String redisChannel,
                             @DefaultValue("500") int syncPageSize) {
}
