package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Projection rebuild. {@code rebuild-fill} appends {@code --events} (default 1 000 000) events straight into the event
 * store with SQL, in the JSON the command side's serializer writes: per user (1 000 events each) a
 * {@code UserRegistered}, a {@code CategoryCreated}, an {@code AccountOpened}, then pairs of {@code TransactionRecorded}
 * and {@code AccountBalanceChanged} (one expense), dated over a year. {@code rebuild} then measures, on a query side
 * started after the fill: (1) its tracking processor catching up from the first event (as a fresh deployment does),
 * polled in {@code token_entry} for at most {@code --catch-up-seconds}, and (2) {@code POST /admin/projections/rebuild} (one transaction, processor stopped).
 */
final class Rebuild {

    private static final String PROCESSOR = "query-read-models";
    private static final int PER_USER = 1000;
    private static final int CHUNK = 100_000;

    static void fill(Map<String, String> options) throws Exception {
        long events = Long.parseLong(options.getOrDefault("events", "1000000"));
        String meta = "convert_to('{\"traceId\":\"' || gen_random_uuid() || '\",\"correlationId\":\"' || gen_random_uuid() "
                + "|| '\",\"userId\":\"' || uid || '\"}', 'UTF8')";
        String payload = "CASE WHEN i = 0 THEN '{\"userId\":\"' || uid || '\",\"displayName\":\"Bench user ' || u || '\",\"timeZone\":\"UTC\"}' "
                + "WHEN i = 1 THEN '{\"categoryId\":\"' || cid || '\",\"ownerId\":\"' || uid || '\",\"name\":\"Groceries\",\"kind\":\"EXPENSE\"}' "
                + "WHEN i = 2 THEN '{\"accountId\":\"' || aid || '\",\"ownerId\":\"' || uid || '\",\"name\":\"Bench\",\"type\":\"BANK\","
                + "\"currency\":\"EUR\",\"openingBalance\":{\"amount\":\"0.00\",\"currency\":\"EUR\"}}' "
                + "WHEN (i - 3) % 2 = 0 THEN '{\"transactionId\":\"' || md5('tx' || g)::uuid || '\",\"ownerId\":\"' || uid || '\",\"details\":"
                + "{\"type\":\"EXPENSE\",\"accountId\":\"' || aid || '\",\"toAccountId\":null,\"amount\":{\"amount\":\"1.00\",\"currency\":\"EUR\"},"
                + "\"categoryId\":\"' || cid || '\",\"date\":\"' || (date '2026-01-01' + (k % 365)::int) || '\",\"description\":\"bench ' || k "
                + "|| '\",\"merchant\":null,\"tags\":[],\"originalAmount\":null}}' "
                + "ELSE '{\"accountId\":\"' || aid || '\",\"ownerId\":\"' || uid || '\",\"transactionId\":\"' || md5('tx' || (g - 1))::uuid "
                + "|| '\",\"change\":{\"amount\":\"-1.00\",\"currency\":\"EUR\"},\"balance\":{\"amount\":\"-' || k || '.00\",\"currency\":\"EUR\"}}' END";
        String sql = "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data) "
                + "SELECT g + 1, gen_random_uuid()::text, "
                + "CASE WHEN i = 0 THEN uid WHEN i = 1 THEN cid WHEN i = 2 OR (i - 3) % 2 = 1 THEN aid ELSE md5('tx' || g)::uuid::text END, "
                + "CASE WHEN i < 3 OR (i - 3) % 2 = 0 THEN 0 ELSE k END, "
                + "CASE WHEN i = 0 THEN 'User' WHEN i = 1 THEN 'Category' WHEN i = 2 OR (i - 3) % 2 = 1 THEN 'Account' ELSE 'Transaction' END, "
                + "to_char(timestamp '2026-01-01' + g * interval '10 ms', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                + "CASE WHEN i = 0 THEN 'dev.tally.api.identity.UserRegistered' WHEN i = 1 THEN 'dev.tally.api.category.CategoryCreated' "
                + "WHEN i = 2 THEN 'dev.tally.api.account.AccountOpened' WHEN (i - 3) % 2 = 0 THEN 'dev.tally.api.expense.TransactionRecorded' "
                + "ELSE 'dev.tally.api.account.AccountBalanceChanged' END, "
                + "'1', convert_to(" + payload + ", 'UTF8'), " + meta + " "
                + "FROM generate_series(?, ?) g, "
                + "LATERAL (SELECT g / " + PER_USER + " AS u, g % " + PER_USER + " AS i) a, "
                + "LATERAL (SELECT md5('user' || u)::uuid::text AS uid, md5('cat' || u)::uuid::text AS cid, "
                + "md5('acct' || u)::uuid::text AS aid, (i - 3) / 2 + 1 AS k) b";
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "");
             var insert = db.prepareStatement(sql)) {
            for (long from = 0; from < events; from += CHUNK) {
                insert.setLong(1, from);
                insert.setLong(2, Math.min(events, from + CHUNK) - 1);
                insert.executeUpdate();
                System.out.printf("appended %d of %d events (%.0f s)%n", Math.min(events, from + CHUNK), events, (System.nanoTime() - t0) / 1e9);
            }
            db.createStatement().execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), " + Math.max(1, events) + ")");
            db.createStatement().execute("ANALYZE domain_event_entry");
        }
    }

    static List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        Duration timeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "1800")));
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "")) {
            long head = Bench.single(db, "SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry");

            // (1) the tracking processor catching up (it started with the query side, just before this), for at most
            // --catch-up-seconds: the rate is what counts, and the rebuild below replaces whatever it built
            long catchUpSeconds = Long.parseLong(options.getOrDefault("catch-up-seconds", "120"));
            long deadline = System.nanoTime() + Math.min(timeout.toNanos(), TimeUnit.SECONDS.toNanos(catchUpSeconds));
            long firstAt = System.nanoTime();
            long first = position(db);
            long position = first;
            while (position < head && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                position = position(db);
            }
            double seconds = (System.nanoTime() - firstAt) / 1e9;
            Map<String, Object> catchUp = row("tracking processor catching up (2 segments, 2 threads)", head);
            catchUp.put("events measured", (position - first) + (position < head ? " (window ended at " + position + ")" : ""));
            catchUp.put("seconds", Math.round(seconds * 10) / 10.0);
            catchUp.put("events/s", Math.round((position - first) / seconds));
            catchUp.put("skipped (dead letters)", Bench.single(db, "SELECT COUNT(*) FROM dead_letter_entry"));
            catchUp.put("transactions in read model", Bench.single(db, "SELECT COUNT(*) FROM transaction_view"));
            catchUp.put("load", Bench.loadAverage());
            rows.add(catchUp);
            System.out.println(catchUp);

            // (2) the operator's rebuild: one transaction over every event
            long t0 = System.nanoTime();
            Http.Response response = Http.post(options.get("api") + "/admin/projections/rebuild", timeout,
                    "X-Admin-Token", options.get("admin-token"));
            seconds = (System.nanoTime() - t0) / 1e9;
            if (response.status() != 200) {
                throw new IllegalStateException("rebuild answered " + response.status() + ": " + new String(response.body()));
            }
            JsonNode result = response.json();
            Map<String, Object> rebuild = row("POST /admin/projections/rebuild (one transaction)", head);
            rebuild.put("events measured", result.path("events").asLong());
            rebuild.put("seconds", Math.round(seconds * 10) / 10.0);
            rebuild.put("events/s", Math.round(result.path("events").asLong() / seconds));
            rebuild.put("skipped (dead letters)", result.path("skipped").asLong());
            rebuild.put("transactions in read model", Bench.single(db, "SELECT COUNT(*) FROM transaction_view"));
            rebuild.put("load", Bench.loadAverage());
            rows.add(rebuild);
            System.out.println(rebuild);
        }
        return rows;
    }

    private static Map<String, Object> row(String what, long events) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", what);
        row.put("events in store", events);
        return row;
    }

    /** The processor's position: the lowest token index over its segments (0 before it has one). */
    private static long position(Connection db) throws Exception {
        return Bench.single(db, "SELECT COALESCE(MIN(COALESCE((convert_from(token, 'UTF8')::json->>'index')::bigint, 0)), 0) "
                + "FROM token_entry WHERE processor_name = '" + PROCESSOR + "'");
    }
}
