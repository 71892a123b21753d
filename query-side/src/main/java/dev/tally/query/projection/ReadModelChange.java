package dev.tally.query.projection;

import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.feed.TransactionScope;
import dev.tally.query.feed.UserFeed;
import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Applies one event to the read models and queues the feed updates it causes, all in the processor's transaction.
 * <p>
 * A batch's events are applied <em>optimistically</em>: no savepoint and no flush of their own, so the batch's writes
 * go out together. If one fails, its half-made change cannot be undone alone: the whole batch rolls back (its failure is
 * rethrown at commit) and the thread redoes the next batch <em>event by event</em>, each in a savepoint and flushed at
 * once, so that a failing event is undone entirely before it reaches the dead-letter queue and never leaves half a
 * change (or a feed entry) behind. A batch that fails at commit (a constraint the flush found) is redone the same way.
 * A failed write also dooms its transaction (JPA marks it rollback-only), so an event whose write failed is remembered:
 * when its batch is redone, it fails at once, before it touches anything, and the batch commits without it.
 */
@Component
public class ReadModelChange {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ReadModelChange.class);
    private static final Object OUTCOME_KEY = ReadModelChange.class.getName() + ".outcome";

    /** Threads whose last transaction rolled back: they apply the next one event by event. */
    private final ThreadLocal<Boolean> redo = ThreadLocal.withInitial(() -> false);
    /** Threads told to apply events one by one whatever happened before. */
    private final ThreadLocal<Boolean> told = ThreadLocal.withInitial(() -> false);

    /**
     * Events (by index and identifier) whose change failed in a transaction that then did not commit, with why: their
     * redo fails at once. An entry goes when its dead letter commits.
     */
    private final Map<String, String> failedBefore = new ConcurrentHashMap<>();

    /** Batches rolled back (each then redone event by event): a cost an operator should see rise only with failures. */
    private final AtomicLong rollbacks = new AtomicLong();

    private static final int WRITES_HELD = 500;
    /** At most this many single writes of different statements go out as one statement (a bound on its text). */
    private static final int WRITES_TOGETHER = 32;

    private final DataSource dataSource;
    private final PersistenceContext persistence;
    private final UserFeed feed;
    private final JdbcTemplate jdbc;
    private final TransactionScope transaction;
    private final boolean together;

    @Autowired
    public ReadModelChange(DataSource dataSource, EntityManager entityManager, UserFeed feed, JdbcTemplate jdbc, TransactionScope transaction) {
        this(dataSource, PersistenceContext.of(entityManager), feed, jdbc, transaction);
    }

    /** @param persistence {@link PersistenceContext#NONE} where projections write with JDBC alone (a plain JUnit test) */
    public ReadModelChange(DataSource dataSource, PersistenceContext persistence, UserFeed feed, JdbcTemplate jdbc, TransactionScope transaction) {
        this.dataSource = dataSource;
        this.persistence = persistence;
        this.feed = feed;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.together = BatchReads.severalStatementsPerRoundTrip(jdbc);
    }

    /** The JPA entities a change wrote: flushed at the end of an event applied alone, forgotten when it is undone. */
    public interface PersistenceContext {
        PersistenceContext NONE = of(null);

        void flush();

        void clear();

        static PersistenceContext of(EntityManager entityManager) {
            return new PersistenceContext() {
                @Override
                public void flush() {
                    if (entityManager != null) {
                        entityManager.flush();
                    }
                }

                @Override
                public void clear() {
                    if (entityManager != null) {
                        entityManager.clear();
                    }
                }
            };
        }
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
        Outcome outcome = outcome();
        List<FeedUpdate> updates = redo.get() || told.get() ? inSavepoint(index, change, outcome) : optimistically(index, change, outcome);
        feed.append(index, updates);
    }

    /**
     * A plain SQL write that belongs to the change being applied (for tables outside the persistence context). Applied
     * optimistically, it goes out with the batch's other writes of the same statement as one JDBC batch before commit
     * (a failure then fails the batch, as a failed flush does); applied event by event, at once, inside the event's
     * savepoint.
     */
    public void write(String sql, Object... args) {
        if (!holdsWrites()) {
            jdbc.update(sql, args);
            return;
        }
        Outcome outcome = outcome();
        outcome.writes.add(new Write(sql, args, null));
        if (outcome.writes.size() >= WRITES_HELD) {
            outcome.sendWrites();
        }
    }

    /**
     * Holds the batch's token update ({@link HeldTokenStore}) to go out with the batch's held writes, on PostgreSQL as
     * part of their one statement; {@code unclaimed} runs at once if it updated no row. Only the one token a batch of
     * events stores as it starts (inside its unit of work) is held. False otherwise (a reset storing every segment's
     * token, an empty batch's new position), and where writes are not held or not sent together (H2, an event applied
     * alone): the caller stores the token itself.
     */
    public boolean holdToken(String sql, Object[] args, Runnable unclaimed) {
        if (!together || !holdsWrites() || !CurrentUnitOfWork.isStarted()) {
            return false;
        }
        outcome().writes.add(new Write(sql, args, unclaimed));
        return true;
    }

    /**
     * Whether {@link #write} holds writes for the end of the transaction (a batch applied optimistically, a rebuild) or
     * makes them at once (an event applied alone in its savepoint, or no transaction).
     */
    public boolean holdsWrites() {
        return !(redo.get() || told.get() || !transaction.active());
    }

    /**
     * Rows a projection keeps in memory for the transaction while it {@link #holdsWrites holds writes}, and writes
     * once, with {@link #write}, just before the held writes go out: a total or a balance that many events of a batch
     * move is then written once, and the statements of one kind go out together as one JDBC batch instead of
     * alternating with the others'.
     */
    public interface HeldRows {
        /** Writes what changed since the last call. */
        void write();
    }

    /** This transaction's {@code key}, made by {@code start} on first use. Only while {@link #holdsWrites()}. */
    public <T extends HeldRows> T held(Object key, Supplier<T> start) {
        return outcome().held(key, start);
    }

    /**
     * Brings the database up to the change so far: the persistence context's changes and the plain writes held for the
     * batch. For a change that reads with SQL what earlier events of the same batch wrote (an erasure).
     */
    public void catchUp() {
        persistence.flush();
        Outcome outcome = transaction.find(OUTCOME_KEY);
        if (outcome != null) {
            outcome.sendWrites();
        }
    }

    /** How many of this process's transactions that applied a change have rolled back so far. */
    public long rollbacks() {
        return rollbacks.get();
    }

    /** Runs {@code work} (a dead-letter retry, a rebuild's second attempt) with every event in a savepoint of its own. */
    public <T> T eventByEvent(Supplier<T> work) {
        told.set(true);
        try {
            return work.get();
        } finally {
            told.set(false);
            redo.set(false);
        }
    }

    private List<FeedUpdate> optimistically(long index, Supplier<List<FeedUpdate>> change, Outcome outcome) {
        try {
            return change.get();
        } catch (RuntimeException e) {
            outcome.failure = new RedoEventByEvent(index, e);
            throw outcome.failure;
        }
    }

    private List<FeedUpdate> inSavepoint(long index, Supplier<List<FeedUpdate>> change, Outcome outcome) {
        String event = index + "/" + (CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getMessage().getIdentifier() : "");
        String earlier = failedBefore.get(event);
        if (earlier != null) {
            outcome.failed.add(event);
            throw new IllegalStateException("the event at index " + index + " failed before: " + earlier);
        }
        // JPA has no savepoints; the transaction's JDBC connection (the one Hibernate writes through) has
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint = savepoint(connection);
        try {
            List<FeedUpdate> updates = change.get();
            persistence.flush();
            connection.releaseSavepoint(savepoint);
            return updates;
        } catch (RuntimeException | SQLException e) {
            rollback(connection, savepoint);
            persistence.clear(); // the rows are rolled back; forget the entities that described them
            EventBatch.forget();
            failedBefore.put(event, e.toString());
            outcome.failed.add(event);
            log.warn("Projection could not apply the event at index {}; it goes to the dead-letter queue", index, e);
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** This transaction's outcome watcher: it fails the commit after a failed event and sets how the next one runs. */
    private Outcome outcome() {
        return transaction.attached(OUTCOME_KEY, Outcome::new);
    }

    /** @param ifNoRow what runs if the write changed no row (the token's update: its claim is gone); null for the rest */
    private record Write(String sql, Object[] args, Runnable ifNoRow) {
    }

    private final class Outcome implements TransactionScope.Hooks {
        private RedoEventByEvent failure;
        private final List<String> failed = new ArrayList<>();
        private final List<Write> writes = new ArrayList<>();
        private final Map<Object, HeldRows> heldRows = new java.util.LinkedHashMap<>();
        private boolean sending;

        @SuppressWarnings("unchecked")
        <T extends HeldRows> T held(Object key, Supplier<T> start) {
            return (T) heldRows.computeIfAbsent(key, k -> start.get());
        }

        @Override
        public void beforeCommit() {
            if (failure != null) {
                throw failure;
            }
            // every row of the change is written now, before the feed (whose hooks come after these) takes its
            // signal locks: a feed writer holding them while its commit's flush waited for a row another batch had
            // written, that batch waiting for the same lock, would be a deadlock the database cannot see
            sendWrites();
            persistence.flush();
        }

        /**
         * The held rows' writes, then all in the order they were asked for: consecutive writes of the same statement as
         * one JDBC batch; on PostgreSQL, consecutive single writes of different statements as one statement, so one
         * round trip (at the rates where a batch holds one expense its member row, month total and balance were three).
         */
        void sendWrites() {
            if (sending) {
                return; // a held row's write reached the limit: it goes out with the rest below
            }
            sending = true;
            try {
                heldRows.values().forEach(HeldRows::write);
                sendInOrder();
            } finally {
                sending = false;
            }
        }

        private void sendInOrder() {
            List<Write> singles = new ArrayList<>();
            int from = 0;
            while (from < writes.size()) {
                String sql = writes.get(from).sql();
                int to = from;
                while (to < writes.size() && writes.get(to).sql().equals(sql)) {
                    to++;
                }
                if (to - from == 1 && together) {
                    singles.add(writes.get(from));
                    if (singles.size() == WRITES_TOGETHER) {
                        sendTogether(singles);
                    }
                } else {
                    sendTogether(singles);
                    List<Write> run = writes.subList(from, to);
                    int[] counts = jdbc.batchUpdate(sql, run.stream().map(Write::args).toList());
                    for (int i = 0; i < counts.length; i++) {
                        noRow(run.get(i), counts[i]);
                    }
                }
                from = to;
            }
            sendTogether(singles);
            writes.clear();
        }

        private void sendTogether(List<Write> singles) {
            if (singles.isEmpty()) {
                return;
            }
            String sql = singles.stream().map(Write::sql).collect(Collectors.joining(";\n"));
            int[] counts = jdbc.execute(sql, (PreparedStatementCallback<int[]>) statement -> {
                new ArgumentPreparedStatementSetter(singles.stream().map(Write::args).flatMap(Arrays::stream).toArray()).setValues(statement);
                statement.execute();
                int[] each = new int[singles.size()]; // each statement's update count in turn
                for (int i = 0; i < each.length; i++) {
                    each[i] = statement.getUpdateCount();
                    statement.getMoreResults();
                }
                return each;
            });
            List<Write> sent = List.copyOf(singles);
            singles.clear();
            for (int i = 0; i < counts.length; i++) {
                noRow(sent.get(i), counts[i]);
            }
        }

        private static void noRow(Write write, int count) {
            if (write.ifNoRow() != null && count == 0) {
                write.ifNoRow().run();
            }
        }

        @Override
        public void afterCompletion(boolean committed) {
            boolean rolledBack = !committed;
            if (!rolledBack) {
                failed.forEach(failedBefore::remove); // dead-lettered for good
            } else {
                rollbacks.incrementAndGet();
                if (!redo.get()) {
                    log.info("A projection batch rolled back ({}); the next one is applied event by event",
                            failure != null ? failure.getMessage() : "at commit");
                }
            }
            redo.set(rolledBack);
        }
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
