package dev.tally.platform.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How far a tracking processor is behind the event store, read from the shared database (its tokens and the event
 * table), so any process can ask about any processor, in one process or split: the position of its slowest segment
 * and the age of the oldest event that segment has not applied.
 */
public final class ProcessorLag {

    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final String processor;

    public ProcessorLag(JdbcClient jdbc, Serializer serializer, String processor) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processor = processor;
    }

    /**
     * @param slowestPosition the global index the slowest segment has applied up to
     * @param lag             the age of the oldest event it has not applied; zero when none is left
     * @param backlog         how many events it has not applied, counted up to the {@code countUpTo} asked for
     */
    public record Reading(long slowestPosition, Duration lag, long backlog) {
    }

    /** Empty when the processor has no tokens (it never ran). Counting the backlog stops at {@code countUpTo}, so it stays cheap. */
    public Optional<Reading> read(Instant now, int countUpTo) {
        Optional<Long> slowest = jdbc.sql("SELECT token, token_type FROM token_entry WHERE processor_name = ?").param(processor)
                .query((rs, n) -> position(rs.getBytes(1), rs.getString(2))).list().stream().min(Long::compare);
        return slowest.map(position -> new Reading(position, oldestUnapplied(position)
                .map(at -> Duration.between(at, now)).filter(d -> !d.isNegative()).orElse(Duration.ZERO), backlog(position, countUpTo)));
    }

    /**
     * In index order: without it, a plan made without statistics (or cached while the table was small) reads the table
     * from its start until it has counted enough of the newest events, that is all of it, every few hundred milliseconds.
     */
    private long backlog(long position, int countUpTo) {
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?) waiting")
                .params(position, countUpTo).query(Long.class).single();
    }

    private long position(byte[] token, String type) {
        if (token == null || type == null) {
            return -1;
        }
        TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
        return tracking.position().orElse(-1);
    }

    private Optional<Instant> oldestUnapplied(long position) {
        return jdbc.sql("SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1")
                .param(position).query(String.class).optional().map(DateTimeUtils::parseInstant);
    }
}
