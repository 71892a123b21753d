package dev.tally.query.projection;

import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.feed.UserFeed;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.function.Supplier;

/**
 * Applies one event to the read models and queues the feed updates it causes, all in the processor's transaction.
 * The change runs in a savepoint and is flushed at once: if it fails, it is undone entirely before the exception
 * reaches the dead-letter queue, so a parked event never leaves half a change (or a feed entry) behind.
 */
@Component
public class ReadModelChange {

    private final TransactionTemplate savepoint;
    private final EntityManager entityManager;
    private final UserFeed feed;

    public ReadModelChange(PlatformTransactionManager transactionManager, EntityManager entityManager, UserFeed feed) {
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.entityManager = entityManager;
        this.feed = feed;
    }

    /** The event store position of the event being handled: what read-model rows remember to ignore redeliveries. */
    public static long index(TrackingToken token) {
        if (token == null) {
            throw new IllegalStateException("projections run in tracking processors only");
        }
        return token.position().orElseThrow(() -> new IllegalStateException("token without a position: " + token));
    }

    public void apply(TrackingToken token, Supplier<List<FeedUpdate>> change) {
        long index = index(token);
        List<FeedUpdate> updates;
        try {
            updates = savepoint.execute(status -> {
                List<FeedUpdate> result = change.get();
                entityManager.flush();
                return result;
            });
        } catch (RuntimeException e) {
            entityManager.clear(); // the savepoint rolled the rows back; forget the entities that described them
            throw e;
        }
        feed.append(index, updates);
    }
}
