package dev.tally.query.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * Appends updates to users' feeds inside the caller's transaction. Updates are collected while the read model changes
 * and written just before commit, locking the users' head rows in {@code user_id} order (no deadlocks between
 * segments) so each user's seq grows by one per entry in commit order. Listeners hear of them only after commit.
 * State updates ({@link FeedUpdate#state}) are computed at that point, once per user, event and key, and come after
 * the transaction's other entries: a batch of expenses in one month costs one dashboard, not one per expense.
 */
@Component
public class UserFeed {

    private static final Object BUFFER_KEY = UserFeed.class.getName() + ".buffer";
    private static final Object SUPPRESSED_KEY = UserFeed.class.getName() + ".suppressed";
    private static final int STRIPES = 64;
    /** PostgreSQL's heads, created, locked in {@code user_id} order and moved on at once (see {@link #movedHeads}). */
    private static final String MOVE_HEADS = """
            INSERT INTO user_feed_head AS head (user_id, seq, epoch)
            SELECT moved.user_id, moved.entries, feed_epoch.epoch
              FROM unnest(?::varchar[], ?::bigint[]) AS moved (user_id, entries), feed_epoch
             WHERE feed_epoch.id = 1
             ORDER BY moved.user_id
            ON CONFLICT (user_id) DO UPDATE SET seq = head.seq + excluded.seq
            RETURNING user_id, epoch, seq""";

    /**
     * At most this many entries go out in one statement with the heads: the round trip saved counts where a batch holds
     * an expense or two, and each count of entries is a statement PostgreSQL plans on its own (a bound on their kinds).
     */
    private static final int ENTRIES_WITH_HEADS = 16;
    private static final String INSERT_ENTRIES = "INSERT INTO user_feed (user_id, seq, epoch, event, state_key, payload, global_index, created_at)";
    private static final String INSERT_AFTER_HEADS = INSERT_ENTRIES + """

            SELECT entry.user_id, head.seq - entry.later, head.epoch, entry.event, entry.state_key, entry.payload, entry.global_index, ?::timestamptz
              FROM (VALUES\s""";
    private static final String ENTRY_VALUES = "(?::varchar, ?::bigint, ?::varchar, ?::varchar, ?::text, ?::bigint)";

    /**
     * Held from just before commit until after the listeners were told, per user (striped): the head row lock orders
     * commits, these make the signals of one JVM follow the same order.
     */
    private final ReentrantLock[] signalOrder = IntStream.range(0, STRIPES).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);

    private final JdbcTemplate jdbc;
    private final ObjectMapper objectMapper;
    private final FeedEpoch epoch;
    private final FeedSignals signals;
    private final Clock clock;
    private final TransactionScope transaction;
    private final boolean postgres;

    public UserFeed(JdbcTemplate jdbc, ObjectMapper objectMapper, FeedEpoch epoch, FeedSignals signals, Clock clock, TransactionScope transaction) {
        this.transaction = transaction;
        // told by the URL, as the schema migrations choose their database's scripts
        this.postgres = jdbc.execute((ConnectionCallback<DatabaseDriver>) c -> DatabaseDriver.fromJdbcUrl(c.getMetaData().getURL())) == DatabaseDriver.POSTGRESQL;
        this.jdbc = jdbc;
        this.objectMapper = objectMapper;
        this.epoch = epoch;
        this.signals = signals;
        this.clock = clock;
    }

    /** Adds updates caused by the event at {@code globalIndex} (0 when no event caused them) to this transaction's feed entries. */
    public void append(long globalIndex, List<FeedUpdate> updates) {
        if (!transaction.active()) {
            throw new IllegalStateException("feed entries are appended only inside the read model's transaction");
        }
        if (transaction.find(SUPPRESSED_KEY) != null || updates.isEmpty()) {
            return;
        }
        Buffer buffer = transaction.attached(BUFFER_KEY, Buffer::new);
        for (FeedUpdate update : updates) {
            if (update.isState()) {
                buffer.states.put(List.of(update.userId(), update.event().name(), update.stateKey()), new State(update, globalIndex));
            } else {
                buffer.pending.add(new Pending(update.userId(), update.event().name(), update.stateKey(), json(update.payload()), globalIndex));
            }
        }
    }

    /**
     * An erased person's feed goes: their rows, their head, and what this transaction was about to add for them (a
     * device of theirs could not read it any more: every session ended).
     */
    public void forget(String userId) {
        Buffer buffer = transaction.find(BUFFER_KEY);
        if (buffer != null) {
            buffer.pending.removeIf(p -> p.userId.equals(userId));
            buffer.states.keySet().removeIf(key -> key.get(0).equals(userId));
        }
        jdbc.update("DELETE FROM user_feed WHERE user_id = ?", userId);
        jdbc.update("DELETE FROM user_feed_head WHERE user_id = ?", userId);
    }

    /** A rebuild replays history without telling anyone: clients learn of it from the new epoch. */
    public void suppressInThisTransaction() {
        transaction.attached(SUPPRESSED_KEY, () -> new TransactionScope.Hooks() {
        });
    }

    /** The user's feed position as this transaction sees it; a user with no entries yet is at 0 in the current epoch. */
    public FeedPosition position(String userId) {
        return jdbc.query("SELECT epoch, seq FROM user_feed_head WHERE user_id = ?",
                rs -> rs.next() ? new FeedPosition(rs.getString(1), rs.getLong(2)) : new FeedPosition(epoch.current(), 0), userId);
    }

    private String json(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feed payload cannot be written as JSON", e);
        }
    }

    /**
     * Each user's entries take the next seqs after the user's head, and the head moves past them; the heads are locked
     * in {@code user_id} order, the order every writer keeps (no deadlocks between segments).
     */
    private List<FeedEntry> write(List<Pending> pending) {
        if (pending.isEmpty()) {
            return List.of(); // all of it was for a person erased in this transaction
        }
        Map<String, List<Pending>> byUser = new TreeMap<>();
        pending.forEach(p -> byUser.computeIfAbsent(p.userId, u -> new ArrayList<>()).add(p));
        Instant now = clock.instant();
        if (postgres && pending.size() <= ENTRIES_WITH_HEADS) {
            return entries(byUser, movedHeadsWithEntries(byUser, now), now);
        }
        List<FeedEntry> written = entries(byUser, postgres ? movedHeads(byUser) : lockedHeads(byUser), now);
        jdbc.batchUpdate(INSERT_ENTRIES + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                written.stream().map(e -> new Object[]{e.userId(), e.seq(), e.epoch(), e.event(), e.stateKey(), e.payload(), e.globalIndex(),
                        Timestamp.from(now)}).toList());
        return written;
    }

    /** Each user's entries, numbered on from the user's head as it was before them. */
    private static List<FeedEntry> entries(Map<String, List<Pending>> byUser, Map<String, FeedPosition> headsBefore, Instant now) {
        List<FeedEntry> entries = new ArrayList<>();
        for (var user : byUser.entrySet()) {
            FeedPosition head = headsBefore.get(user.getKey());
            long seq = head.seq();
            for (Pending p : user.getValue()) {
                entries.add(new FeedEntry(p.userId, ++seq, head.epoch(), p.event, p.stateKey, p.payload, p.globalIndex, now));
            }
        }
        return entries;
    }

    /**
     * PostgreSQL: one statement creates the missing heads (in the current epoch), locks them all in {@code user_id}
     * order and moves each on by its number of entries; it answers each head as it was before them. It replaced four
     * round trips per batch of the read side (the epoch, heads created, locked, moved on).
     */
    private Map<String, FeedPosition> movedHeads(Map<String, List<Pending>> byUser) {
        Map<String, FeedPosition> headsBefore = new TreeMap<>();
        jdbc.query(MOVE_HEADS, (RowCallbackHandler) moved -> headBefore(moved, byUser, headsBefore), moves(byUser));
        return headsBefore;
    }

    /** {@link #MOVE_HEADS}'s arguments: the users, and how many entries each gets. */
    private static Object[] moves(Map<String, List<Pending>> byUser) {
        return new Object[]{byUser.keySet().toArray(String[]::new), byUser.values().stream().map(p -> (long) p.size()).toArray(Long[]::new)};
    }

    /** One row {@link #MOVE_HEADS} answered: the user's head as it was before this transaction's entries. */
    private static void headBefore(ResultSet moved, Map<String, List<Pending>> byUser, Map<String, FeedPosition> headsBefore) throws SQLException {
        String user = moved.getString(1);
        headsBefore.put(user, new FeedPosition(moved.getString(2), moved.getLong(3) - byUser.get(user).size()));
    }

    /**
     * PostgreSQL, a transaction of a few entries (at the rates where a batch holds one expense): the heads' upsert and
     * the entries' insert as one statement of two, one round trip where there were two. Each entry's seq is its
     * user's moved head less the entries after it; the values are bound, as in the batched insert (an earlier try,
     * all entries in arrays joined to the upsert, cost PostgreSQL more per entry).
     */
    private Map<String, FeedPosition> movedHeadsWithEntries(Map<String, List<Pending>> byUser, Instant now) {
        List<Object> args = new ArrayList<>(Arrays.asList(moves(byUser)));
        args.add(Timestamp.from(now));
        int rows = 0;
        for (List<Pending> ofUser : byUser.values()) {
            for (int i = 0; i < ofUser.size(); i++) {
                Pending p = ofUser.get(i);
                args.addAll(Arrays.asList(p.userId, (long) (ofUser.size() - 1 - i), p.event, p.stateKey, p.payload, p.globalIndex));
                rows++;
            }
        }
        String sql = MOVE_HEADS + ";\n" + INSERT_AFTER_HEADS + String.join(",\n       ", Collections.nCopies(rows, ENTRY_VALUES))
                + ") AS entry (user_id, later, event, state_key, payload, global_index)\n  JOIN user_feed_head head ON head.user_id = entry.user_id";
        int inserted = rows;
        return jdbc.execute(sql, (PreparedStatementCallback<Map<String, FeedPosition>>) statement -> {
            new ArgumentPreparedStatementSetter(args.toArray()).setValues(statement);
            statement.execute();
            Map<String, FeedPosition> headsBefore = new TreeMap<>();
            try (ResultSet moved = statement.getResultSet()) {
                while (moved.next()) {
                    headBefore(moved, byUser, headsBefore);
                }
            }
            if (statement.getMoreResults() || statement.getUpdateCount() != inserted) {
                throw new IllegalStateException("the feed's entries were not all written after their heads moved");
            }
            return headsBefore;
        });
    }

    /**
     * H2 (the standalone's default), which has no upsert that answers: creates missing heads, then locks them all, each
     * step in {@code user_id} order, and moves them on. Only rows this transaction inserted are held between the steps,
     * and a locking read never waits for another's uncommitted insert: no wait cycle.
     */
    private Map<String, FeedPosition> lockedHeads(Map<String, List<Pending>> byUser) {
        List<String> users = List.copyOf(byUser.keySet());
        String current = epoch.current();
        jdbc.batchUpdate("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, 0, ?) ON CONFLICT DO NOTHING",
                users.stream().map(u -> new Object[]{u, current}).toList());
        Map<String, FeedPosition> heads = new TreeMap<>();
        jdbc.query("SELECT user_id, epoch, seq FROM user_feed_head WHERE user_id IN (" + String.join(", ", Collections.nCopies(users.size(), "?"))
                        + ") ORDER BY user_id FOR UPDATE",
                rs -> {
                    heads.put(rs.getString(1), new FeedPosition(rs.getString(2), rs.getLong(3)));
                }, users.toArray());
        jdbc.batchUpdate("UPDATE user_feed_head SET seq = ? WHERE user_id = ?",
                users.stream().map(u -> new Object[]{heads.get(u).seq() + byUser.get(u).size(), u}).toList());
        return heads;
    }

    private record Pending(String userId, String event, String stateKey, String payload, long globalIndex) {
    }

    /** A state update waiting for commit, with the index of the last event that touched it. */
    private record State(FeedUpdate update, long globalIndex) {
    }

    private final class Buffer implements TransactionScope.Hooks {
        private final List<Pending> pending = new ArrayList<>();
        private final Map<List<String>, State> states = new LinkedHashMap<>();
        private final List<ReentrantLock> held = new ArrayList<>();
        private List<FeedEntry> written = List.of();

        @Override
        public void beforeCommit() {
            states.values().forEach(s -> pending.add(new Pending(s.update().userId(), s.update().event().name(), s.update().stateKey(),
                    json(s.update().state().get()), s.globalIndex())));
            pending.stream().mapToInt(p -> Math.floorMod(p.userId.hashCode(), STRIPES)).distinct().sorted()
                    .forEach(i -> {
                        signalOrder[i].lock();
                        held.add(signalOrder[i]);
                    });
            written = write(pending);
        }

        @Override
        public void afterCommit() {
            signals.committed(written);
        }

        @Override
        public void afterCompletion(boolean committed) {
            for (int i = held.size() - 1; i >= 0; i--) {
                held.get(i).unlock();
            }
            held.clear();
        }
    }
}
