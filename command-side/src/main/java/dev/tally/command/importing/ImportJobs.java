package dev.tally.command.importing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** {@code import_job}: large imports waiting, running (held by a worker while its heartbeat is fresh), done or cancelled. */
@Component
class ImportJobs {

    record Job(String importId, String ownerId, String request, int total, int position, int recorded, int duplicates,
               String state, boolean cancelRequested) {
    }

    private final JdbcClient jdbc;

    ImportJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String importId, String ownerId, String request, int total, Instant now) {
        jdbc.sql("INSERT INTO import_job (import_id, owner_id, request, total, position, recorded, duplicates, state, cancel_requested, created_at) "
                        + "VALUES (?, ?, ?, ?, 0, 0, 0, 'RUNNING', FALSE, ?)")
                .params(importId, ownerId, request, total, utc(now)).update();
    }

    Optional<Job> find(String importId) {
        return jdbc.sql("SELECT import_id, owner_id, request, total, position, recorded, duplicates, state, cancel_requested FROM import_job WHERE import_id = ?")
                .param(importId)
                .query((rs, n) -> new Job(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5), rs.getInt(6),
                        rs.getInt(7), rs.getString(8), rs.getBoolean(9)))
                .optional();
    }

    /** Running jobs no live worker holds: never taken, or their worker stopped beating before {@code staleBefore}. */
    List<String> unheld(Instant staleBefore) {
        return jdbc.sql("SELECT import_id FROM import_job WHERE state = 'RUNNING' AND (worker IS NULL OR heartbeat < ?) ORDER BY created_at")
                .param(utc(staleBefore)).query(String.class).list();
    }

    /** @return whether this worker now holds the job (one statement: two workers cannot both win) */
    boolean take(String importId, String worker, Instant now, Instant staleBefore) {
        return jdbc.sql("UPDATE import_job SET worker = ?, heartbeat = ? WHERE import_id = ? AND state = 'RUNNING' AND (worker IS NULL OR heartbeat < ?)")
                .params(worker, utc(now), importId, utc(staleBefore)).update() == 1;
    }

    /** Moves the job on after a chunk, in the chunk's transaction; false when the worker lost it meanwhile (the chunk then rolls back). */
    boolean advance(String importId, String worker, int position, int recorded, int duplicates, Instant now) {
        return jdbc.sql("UPDATE import_job SET position = ?, recorded = ?, duplicates = ?, heartbeat = ? WHERE import_id = ? AND worker = ? AND state = 'RUNNING'")
                .params(position, recorded, duplicates, utc(now), importId, worker).update() == 1;
    }

    boolean end(String importId, String worker, String state) {
        return jdbc.sql("UPDATE import_job SET state = ?, request = '', worker = NULL WHERE import_id = ? AND worker = ? AND state = 'RUNNING'")
                .params(state, importId, worker).update() == 1;
    }

    /** @return false when it is not running (finished or cancelled already) */
    boolean requestCancel(String importId) {
        return jdbc.sql("UPDATE import_job SET cancel_requested = TRUE WHERE import_id = ? AND state = 'RUNNING'").param(importId).update() == 1;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
