package dev.tally.query.projection;

import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.feed.UserFeed;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import java.util.List;
import java.util.function.Supplier;

/**
 * Applies one event to the read models and queues the feed updates it causes, all in the processor's transaction.
 * The change runs in a savepoint and is flushed at once: if it fails, it is undone entirely before the exception
 * reaches the dead-letter queue, so a parked event never leaves half a change (or a feed entry) behind.
 */
@Component
public class ReadModelChange {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReadModelChange.class);

    private final DataSource dataSource;
    private final EntityManager entityManager;
    private final UserFeed feed;

    public ReadModelChange(DataSource dataSource, EntityManager entityManager, UserFeed feed) {
        this.dataSource = dataSource;
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
        // JPA has no savepoints; the transaction's JDBC connection (the one Hibernate writes through) has
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = savepoint(connection);
        List<FeedUpdate> updates;
        try {
            updates = change.get();
            entityManager.flush();
            connection.releaseSavepoint(savepoint);
        } catch (RuntimeException | SQLException e) {
            rollback(connection, savepoint);
            entityManager.clear(); // the rows are rolled back; forget the entities that described them
            log.warn("Projection could not apply the event at index {}; it goes to the dead-letter queue", index, e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        feed.append(index, updates);
    }

    private static Savepoint savepoint(Connection connection) {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set a savepoint", e);
        }
    }

    private static void rollback(Connection connection, Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot roll back to the savepoint", e);
        }
    }
}
