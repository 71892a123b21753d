package dev.tally.query.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of query-side ({@code tally.query.*}).
 *
 * @param feed        retention of the per-user feed and the live signal over Redis
 * @param projections the tracking processor's parallelism and the rebuild switches
 */
@ConfigurationProperties("tally.query")
public record QueryProperties(@DefaultValue Feed feed, @DefaultValue Projections projections) {

    /**
     * @param retention    entries older than this may go ...
     * @param minEntries   ... but each user keeps at least this many latest entries
     * @param redisChannel where committed entries are published when {@code tally.query.feed.redis-enabled=true}
     * @param syncPageSize the most entries one {@code GET /api/v1/sync} page returns
     */
    public record Feed(@DefaultValue("P30D") Duration retention,
                       @DefaultValue("10000") int minEntries,
                       @DefaultValue("false") boolean redisEnabled,
                       @DefaultValue("tally:feed") String redisChannel,
                       @DefaultValue("500") int syncPageSize) {
    }

    /**
     * @param segments       segments of the projection processor (its token rows); events of one owner stay in one segment
     * @param threads        threads of this node's processor
     * @param batchSize      events per transaction at most. A batch holds only what is waiting, so a quiet system
     *                       applies events one at a time; under load a large batch spreads the commit, the feed's
     *                       statements and each row read over many events (the first event's feed entry waits for
     *                       the batch: about 10 ms for 100 events here)
     * @param rebuildOnStart rebuild all read models once at start-up (the documented command)
     * @param adminToken     secret for {@code POST /admin/projections/rebuild}; the endpoint answers 404 when unset
     */
    public record Projections(@DefaultValue("2") int segments,
                              @DefaultValue("2") int threads,
                              @DefaultValue("100") int batchSize,
                              @DefaultValue("false") boolean rebuildOnStart,
                              String adminToken) {
    }
}
