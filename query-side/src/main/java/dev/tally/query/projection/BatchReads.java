package dev.tally.query.projection;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCallback;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows a batch's projections read before they change anything, read together: each projection registers its read
 * once ({@link #register}); the first of them a batch asks for ({@link #of}) runs them all for the batch's events, on
 * PostgreSQL as one statement of several {@code SELECT}s, so one round trip. At the rates where a batch holds one or two
 * expenses, the read side's time went mostly to round trips (its thread waiting on the database or in its socket
 * writes), three of them these reads; other databases run them one after the other. The reads registered are the
 * read-model processor's projections': any batch that asks runs them all.
 */
@Component
public class BatchReads {

    private static final String KEPT = BatchReads.class.getName();

    private final List<Read<?>> reads = new CopyOnWriteArrayList<>();
    private final JdbcTemplate jdbc;
    private final boolean together;

    public BatchReads(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.together = severalStatementsPerRoundTrip(jdbc);
    }

    /**
     * Whether the database takes several statements in one prepared statement and runs them in one round trip
     * (PostgreSQL's driver sends them as one pipeline).
     */
    static boolean severalStatementsPerRoundTrip(JdbcTemplate jdbc) {
        return jdbc.execute((ConnectionCallback<DatabaseDriver>) c -> DatabaseDriver.fromJdbcUrl(c.getMetaData().getURL())) == DatabaseDriver.POSTGRESQL;
    }

    /** One {@code SELECT} and what its rows become, or no read at all ({@link #none}) when the batch needs nothing of it. */
    public record Query<T>(String sql, List<?> args, ResultSetExtractor<T> rows, T none) {

        public static <T> Query<T> of(String sql, List<?> args, ResultSetExtractor<T> rows) {
            return new Query<>(sql, args, rows, null);
        }

        public static <T> Query<T> none(T value) {
            return new Query<>(null, List.of(), null, value);
        }
    }

    /** A read a projection registered: what it asks of a batch's events. */
    public static final class Read<T> {
        private final Function<List<Object>, Query<T>> query;

        private Read(Function<List<Object>, Query<T>> query) {
            this.query = query;
        }
    }

    /** {@code query} builds the read for a batch's events (the payloads); called once per batch. */
    public <T> Read<T> register(Function<List<Object>, Query<T>> query) {
        Read<T> read = new Read<>(query);
        reads.add(read);
        return read;
    }

    /** What {@code read} found for the current batch, all registered reads made on the first call. Only while {@link EventBatch#active()}. */
    @SuppressWarnings("unchecked")
    public <T> T of(Read<T> read) {
        Map<Read<?>, Object> found = EventBatch.once(KEPT, this::readAll);
        return (T) found.get(read);
    }

    /** What {@code read} found for the current batch if the batch's reads were made, else null. */
    @SuppressWarnings("unchecked")
    public <T> T kept(Read<T> read) {
        Map<Read<?>, Object> found = EventBatch.kept(KEPT);
        return found == null ? null : (T) found.get(read);
    }

    private Map<Read<?>, Object> readAll(List<Object> events) {
        Map<Read<?>, Object> found = new HashMap<>();
        Map<Read<?>, Query<?>> asked = new LinkedHashMap<>();
        for (Read<?> read : reads) {
            Query<?> query = read.query.apply(events);
            if (query.sql() == null) {
                found.put(read, query.none());
            } else {
                asked.put(read, query);
            }
        }
        if (together && asked.size() > 1) {
            found.putAll(inOneRoundTrip(asked));
        } else {
            asked.forEach((read, query) -> found.put(read, jdbc.query(query.sql(), query.rows(), query.args().toArray())));
        }
        return found;
    }

    private Map<Read<?>, Object> inOneRoundTrip(Map<Read<?>, Query<?>> asked) {
        String sql = asked.values().stream().map(Query::sql).collect(Collectors.joining(";\n"));
        Object[] args = asked.values().stream().map(Query::args).flatMap(Collection::stream).toArray();
        return jdbc.execute(sql, (PreparedStatementCallback<Map<Read<?>, Object>>) statement -> {
            new ArgumentPreparedStatementSetter(args).setValues(statement);
            statement.execute();
            Map<Read<?>, Object> found = new HashMap<>();
            for (Map.Entry<Read<?>, Query<?>> each : asked.entrySet()) {
                try (ResultSet rows = statement.getResultSet()) {
                    found.put(each.getKey(), each.getValue().rows().extractData(rows));
                }
                statement.getMoreResults();
            }
            return found;
        });
    }

    /** {@code count} placeholders for an {@code IN} list. */
    public static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
