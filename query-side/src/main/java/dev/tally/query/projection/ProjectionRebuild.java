package dev.tally.query.projection;

import dev.tally.platform.web.ConflictException;
import dev.tally.query.feed.FeedEpoch;
import dev.tally.query.feed.UserFeed;
import jakarta.persistence.EntityManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rebuilds every read model from the event store in ONE transaction: readers keep seeing the old read models until
 * the new ones commit, never half-built ones. The processor stops on this node meanwhile; its tokens are set to the
 * last replayed event in the same transaction, so it continues exactly after it. The feed gets a new epoch and loses
 * its old entries (they described the old read models): clients reload through REST.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final int FLUSH_EVERY = 200;
    private static final int MAX_ATTEMPTS = 3;

    private final ApplicationContext context;
    private final EventProcessingConfiguration processing;
    private final EventStorageEngine storage;
    private final TokenStore tokens;
    private final JdbcTemplate jdbc;
    private final EntityManager em;
    private final FeedEpoch epoch;
    private final UserFeed feed;
    private final TransactionTemplate transaction;
    private final ReadModelChange change;

    public ProjectionRebuild(ApplicationContext context, EventProcessingConfiguration processing, EventStorageEngine storage,
                             TokenStore tokens, JdbcTemplate jdbc, EntityManager em, FeedEpoch epoch, UserFeed feed,
                             PlatformTransactionManager transactionManager, ReadModelChange change) {
        this.context = context;
        this.processing = processing;
        this.storage = storage;
        this.tokens = tokens;
        this.jdbc = jdbc;
        this.em = em;
        this.epoch = epoch;
        this.feed = feed;
        this.transaction = new TransactionTemplate(transactionManager);
        this.change = change;
    }

    public record Result(long events, long skipped, String epoch, Long lastIndex) {
    }

    public synchronized Result rebuild() {
        TrackingEventProcessor processor = processing
                .eventProcessorByProcessingGroup(ProjectionGroups.READ_MODELS, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no tracking processor for " + ProjectionGroups.READ_MODELS));
        processor.shutDown();
        try {
            Result result = null;
            // an event that fails leaves half a change in the one transaction: it rolls back and the next attempts
            // replay event by event, each in a savepoint (the third when a failed write doomed the second: its event
            // then fails at once)
            for (int attempt = 1; result == null; attempt++) {
                try {
                    result = attempt == 1 ? transaction.execute(status -> replay())
                            : change.eventByEvent(() -> transaction.execute(status -> replay()));
                } catch (ConflictException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                    log.info("Rebuild rolled back ({}); replaying event by event", e.toString());
                }
            }
            log.info("Read models rebuilt from {} events ({} skipped as unprocessable); feed epoch now {}",
                    result.events(), result.skipped(), result.epoch());
            return result;
        } finally {
            processor.start();
        }
    }

    /**
     * Every table the projections' components declare ({@link ReadModelTables}), in name order: their foreign keys all
     * cascade, so any order empties them.
     */
    public List<String> readModelTables() {
        return Arrays.stream(context.getBeanNamesForAnnotation(ReadModelTables.class))
                .flatMap(bean -> Arrays.stream(context.findAnnotationOnBean(bean, ReadModelTables.class).value()))
                .distinct().sorted().toList();
    }

    private Result replay() {
        jdbc.queryForObject("SELECT epoch FROM feed_epoch WHERE id = 1 FOR UPDATE", String.class); // one rebuild at a time, across nodes
        String name = ProjectionGroups.READ_MODELS;
        Integer claimed = jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                Integer.class, name);
        if (claimed != null && claimed > 0) {
            throw new ConflictException("processor_running", "The projections still run on another node; stop them there first.");
        }
        int segments = Math.max(1, tokens.fetchSegments(name).length);
        feed.suppressInThisTransaction();
        // whether a notification was read is not an event: carry it over (notification ids derive from their events)
        List<Map<String, Object>> readMarks = jdbc.queryForList("SELECT notification_id, read_at FROM notification_view WHERE read_at IS NOT NULL");
        readModelTables().forEach(table -> jdbc.update("DELETE FROM " + table));
        jdbc.update("DELETE FROM dead_letter_entry WHERE processing_group = ?", name);
        jdbc.update("DELETE FROM user_feed");
        em.clear();
        String newEpoch = epoch.renew();

        List<AnnotationEventHandlerAdapter> handlers = context.getBeansWithAnnotation(org.axonframework.config.ProcessingGroup.class)
                .values().stream()
                .filter(bean -> name.equals(org.springframework.core.annotation.AnnotationUtils.findAnnotation(
                        org.springframework.aop.support.AopUtils.getTargetClass(bean), org.axonframework.config.ProcessingGroup.class).value()))
                .map(AnnotationEventHandlerAdapter::new).toList();
        long count = 0;
        long skipped = 0;
        TrackingToken last = null;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> it = events.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> event = it.next();
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    if (handler.canHandle(event)) {
                        try {
                            handler.handle(event);
                        } catch (RedoEventByEvent e) {
                            throw e;
                        } catch (Exception e) {
                            skipped++;
                            log.warn("Rebuild skipped event {} ({}): {}", event.getIdentifier(), event.getPayloadType().getSimpleName(), e.toString());
                        }
                    }
                }
                last = event.trackingToken();
                if (++count % FLUSH_EVERY == 0) {
                    em.flush();
                    em.clear();
                }
            }
        }
        em.flush();
        jdbc.batchUpdate("UPDATE notification_view SET read_at = ? WHERE notification_id = ?",
                readMarks.stream().map(m -> new Object[]{m.get("read_at"), m.get("notification_id")}).toList());
        jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", name);
        tokens.initializeTokenSegments(name, segments, last);
        return new Result(count, skipped, newEpoch, last == null ? null : last.position().orElse(-1));
    }
}
