package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hc.client5.http.classic.methods.HttpGet;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's reads on one account with a long history. {@code audit-fill --phase head} appends, with SQL, the
 * account owner's {@code UserRegistered} and the {@code AccountOpened} (the query side then builds their read models);
 * {@code audit-fill --phase postings --expenses N} appends N {@code AccountBalanceChanged} to that account's stream,
 * 10 ms apart, and moves the read models' processor past them (the audit reads the event store, not the read models;
 * only the audit's snapshot processor has to go through them). {@code audit} then waits for the snapshots and times
 * each kind of read {@code --repeat} times: pages of the history (the first, the next by cursor, one from an instant in
 * the middle, an hour's range), and the state now, as of the middle and as of a tenth in.
 */
final class Audit {

    static final String USER = "0191a7d0-0000-7000-8000-00000000a001";
    static final String ACCOUNT = "0191a7d0-0000-7000-8000-00000000a002";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int CHUNK = 100_000;

    static void fill(Map<String, String> options) throws Exception {
        try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "")) {
            if (options.getOrDefault("phase", "head").equals("head")) {
                String meta = "convert_to('{\"userId\":\"" + USER + "\"}', 'UTF8')";
                db.createStatement().execute(insert() + "VALUES "
                        + "(1, gen_random_uuid()::text, '" + USER + "', 0, 'User', '2025-12-31T23:00:00.000Z', 'dev.tally.api.identity.UserRegistered', '1', "
                        + "convert_to('{\"userId\":\"" + USER + "\",\"displayName\":\"Auditor bench\",\"timeZone\":\"UTC\"}', 'UTF8'), " + meta + "), "
                        + "(2, gen_random_uuid()::text, '" + ACCOUNT + "', 0, 'Account', '2025-12-31T23:30:00.000Z', 'dev.tally.api.account.AccountOpened', '1', "
                        + "convert_to('{\"accountId\":\"" + ACCOUNT + "\",\"ownerId\":\"" + USER + "\",\"name\":\"Audited\",\"type\":\"BANK\","
                        + "\"currency\":\"EUR\",\"openingBalance\":{\"amount\":\"0.00\",\"currency\":\"EUR\"}}', 'UTF8'), " + meta + ")");
                db.createStatement().execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), 2)");
                return;
            }
            long expenses = Long.parseLong(options.getOrDefault("expenses", "10000"));
            String sql = insert() + "SELECT g + 2, gen_random_uuid()::text, '" + ACCOUNT + "', g, 'Account', "
                    + "to_char(timestamp '2026-01-01' + g * interval '10 ms', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), "
                    + "'dev.tally.api.account.AccountBalanceChanged', '1', convert_to('{\"accountId\":\"" + ACCOUNT + "\",\"ownerId\":\"" + USER
                    + "\",\"transactionId\":\"' || md5('tx' || g)::uuid || '\",\"change\":{\"amount\":\"-1.00\",\"currency\":\"EUR\"},"
                    + "\"balance\":{\"amount\":\"-' || g || '.00\",\"currency\":\"EUR\"}}', 'UTF8'), "
                    + "convert_to('{\"userId\":\"" + USER + "\",\"correlationId\":\"' || gen_random_uuid() || '\"}', 'UTF8') "
                    + "FROM generate_series(?, ?) g";
            long t0 = System.nanoTime();
            try (var insert = db.prepareStatement(sql)) {
                for (long from = 1; from <= expenses; from += CHUNK) {
                    insert.setLong(1, from);
                    insert.setLong(2, Math.min(expenses, from + CHUNK - 1));
                    insert.executeUpdate();
                    System.out.printf("appended %d of %d postings (%.0f s)%n", Math.min(expenses, from + CHUNK - 1), expenses, (System.nanoTime() - t0) / 1e9);
                }
            }
            long head = expenses + 2;
            db.createStatement().execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), " + head + ")");
            db.createStatement().execute("ANALYZE domain_event_entry");
            // the read models skip the postings: the audit never reads them, and catching up a million balance changes is
            // the rebuild scenario's measurement, not this one's
            db.createStatement().execute("UPDATE token_entry SET token = convert_to('{\"index\":" + head + ",\"gaps\":[]}', 'UTF8') "
                    + "WHERE processor_name <> 'audit-snapshots'");
        }
    }

    private static String insert() {
        return "INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type, "
                + "time_stamp, payload_type, payload_revision, payload, meta_data) ";
    }

    static List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        String api = options.get("api");
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "50"));
        Path keys = Path.of(options.get("keys"));
        Bench.startSessions(options.get("jdbc"), List.of(USER));
        String token = Bench.accessToken(Bench.privateKey(keys), Bench.keyId(keys), USER);
        long postings;
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "")) {
            postings = Bench.single(db, "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = '" + ACCOUNT + "'");
            long head = postings + 2;
            long position;
            while ((position = Bench.single(db, "SELECT COALESCE(MIN((convert_from(token, 'UTF8')::json->>'index')::bigint), 0) FROM token_entry "
                    + "WHERE processor_name = 'audit-snapshots'")) < head) {
                System.out.printf("audit snapshots at %d of %d (%.0f s)%n", position, head, (System.nanoTime() - t0) / 1e9);
                Thread.sleep(2000);
            }
        }
        double snapshotSeconds = (System.nanoTime() - t0) / 1e9;
        String base = api + "/api/v1/audit/account/" + ACCOUNT;
        Instant middle = START.plusMillis(postings * 5);
        Instant tenth = START.plusMillis(postings);
        JsonNode first = get(base + "/events?limit=200", token);
        String next = first.path("nextCursor").asText();

        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("history, first page (200)", base + "/events?limit=200");
        reads.put("history, next page by cursor (200)", base + "/events?limit=200&cursor=" + enc(next));
        reads.put("history from an instant in the middle (200)", base + "/events?limit=200&from=" + enc(middle.toString()));
        reads.put("history, one hour's range in the middle (200)", base + "/events?limit=200&from=" + enc(middle.toString())
                + "&to=" + enc(middle.plusSeconds(3600).toString()));
        reads.put("state now", base + "/state");
        reads.put("state as of the middle", base + "/state?asOf=" + enc(middle.toString()));
        reads.put("state as of a tenth in", base + "/state?asOf=" + enc(tenth.toString()));

        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map.Entry<String, String> read : reads.entrySet()) {
            for (int i = 0; i < 5; i++) {
                get(read.getValue(), token); // warm-up
            }
            double[] ms = new double[repeat];
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                get(read.getValue(), token);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("read", read.getKey());
            row.put("events on the stream", postings + 1);
            row.put("p50 ms", round(ms[repeat / 2]));
            row.put("p99 ms", round(ms[Math.min(repeat - 1, (int) Math.ceil(repeat * 0.99) - 1)]));
            row.put("max ms", round(ms[repeat - 1]));
            row.put("snapshots caught up in s", Math.round(snapshotSeconds));
            row.put("load", Bench.loadAverage());
            rows.add(row);
            System.out.println(row);
        }
        return rows;
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpGet request = new HttpGet(url);
        request.setHeader("Authorization", "Bearer " + token);
        Http.Response response = Http.send(request);
        if (response.status() != 200) {
            throw new IllegalStateException(url + " answered " + response.status() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.json();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
