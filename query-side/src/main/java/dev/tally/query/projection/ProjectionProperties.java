package dev.tally.query.projection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projections ({@code tally.query.projections.*}): the tracking processor's parallelism and the rebuild.
 *
 * @param segments       segments of the projection processor (its token rows); events of one owner stay in one segment
 * @param threads        threads of this node's processor
 * @param batchSize      events per transaction at most. A batch holds only what is waiting, so a quiet system
 *                       applies events one at a time; under load a large batch spreads the commit, the feed's
 *                       statements and each row read over many events (the first event's feed entry waits for
 *                       the batch: about 10 ms for 100 events here)
 * @param rebuildOnStart rebuild all read models once at start-up (the documented command)
 * @param adminToken     secret for {@code POST /admin/projections/rebuild}; the endpoint answers 404 when unset
 */
@ConfigurationProperties("tally.query.projections")
public record ProjectionProperties(@DefaultValue("2") int segments,
                                   @DefaultValue("2") int threads,
                                   @DefaultValue("100") int batchSize,
                                   @DefaultValue("false") boolean rebuildOnStart,
                                   String adminToken) {
}
