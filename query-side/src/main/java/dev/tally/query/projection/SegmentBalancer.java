package dev.tally.query.projection;

import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Shares the projection segments among the query-side instances that run.
 * <p>
 * Why: a tracking processor claims every segment it has a thread for, and never gives one up while it runs. With
 * threads = segments (needed, so that one survivor can take over all the work when the others stop) the first
 * instance to start holds every segment and the others stand idle. Axon without Axon Server has no balancing, so each
 * instance writes a heartbeat into {@code projection_node} and, when it holds more than its fair share
 * (segments / live instances, rounded up) on two checks in a row, releases the surplus for a while; an idle thread of
 * another instance claims it. The release is a normal hand-over: the batch in progress commits with its token first,
 * so nothing is skipped or handled twice. On a graceful stop the processor releases its claims and the heartbeat is
 * deleted, so the others take everything over without waiting for the claim timeout.
 */
@Component
public class SegmentBalancer {

    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    /** The token store's default owner name (JdbcTokenStore uses the same), so heartbeats and claims read alike. */
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName();
    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration interval;
    private int checksOverShare;

    public SegmentBalancer(EventProcessingConfiguration processing, TokenStore tokens, JdbcTemplate jdbc, Clock clock,
                           @Value("${tally.query.projections.balance-interval:PT5S}") Duration interval) {
        this.processing = processing;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
    }

    @Scheduled(fixedDelayString = "${tally.query.projections.balance-interval:PT5S}")
    public void balance() {
        TrackingEventProcessor processor = processing
                .eventProcessorByProcessingGroup(ProjectionGroups.READ_MODELS, TrackingEventProcessor.class).orElse(null);
        if (processor == null || !processor.isRunning()) {
            // not taking work (stopped for a rebuild, paused on an error): the others must not count on this node
            leave();
            checksOverShare = 0;
            return;
        }
        Instant now = clock.instant();
        if (jdbc.update("UPDATE projection_node SET seen_at = ? WHERE node_id = ?", Timestamp.from(now), nodeId) == 0) {
            jdbc.update("INSERT INTO projection_node (node_id, seen_at) VALUES (?, ?)", nodeId, Timestamp.from(now));
        }
        // a node is alive while its heartbeat is younger than three intervals; long-gone rows are removed
        jdbc.update("DELETE FROM projection_node WHERE seen_at < ?", Timestamp.from(now.minus(interval.multipliedBy(20))));
        Integer live = jdbc.queryForObject("SELECT COUNT(*) FROM projection_node WHERE seen_at > ?", Integer.class,
                Timestamp.from(now.minus(interval.multipliedBy(3))));
        if (live == null || live < 1) {
            return;
        }
        int segments = tokens.fetchSegments(processor.getName()).length;
        int share = (segments + live - 1) / live;
        List<Integer> held = processor.processingStatus().keySet().stream().sorted().toList();
        if (held.size() <= share) {
            checksOverShare = 0;
            return;
        }
        // twice in a row: a node that has just stopped may still look alive once
        if (++checksOverShare < 2) {
            return;
        }
        checksOverShare = 0;
        for (int segment : held.subList(share, held.size())) {
            log.info("Releasing projection segment {} ({} segments, {} live nodes, share {})", segment, segments, live, share);
            processor.releaseSegment(segment);
        }
    }

    @PreDestroy
    public void leave() {
        try {
            jdbc.update("DELETE FROM projection_node WHERE node_id = ?", nodeId);
        } catch (RuntimeException e) {
            log.debug("Could not remove the heartbeat of {}: {}", nodeId, e.toString());
        }
    }
}
