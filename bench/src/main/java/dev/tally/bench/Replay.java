package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Replay on reconnect: one user's feed holds {@code 2 × max(missed)} entries; a socket connects with the feed's epoch
 * and {@code lastSeq = head - N} (the protocol's replay recipe) and is timed from opening the WebSocket until it has
 * received all N missed entries in seq order (checked: complete, in order, no duplicates, then
 * {@code sync:state {recovered:true}}). Measured first with only that user's feed in the table, then again after
 * other users' entries are added up to {@code --total} (default 1 000 000), written directly with SQL
 * ({@code generate_series}), to show whether the time follows what was missed or the size of the history.
 */
final class Replay {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final int PER_OTHER_USER = 1000;
    /** An expense view as the query side writes it into the feed (about 520 characters). */
    private static final String PAYLOAD = "'{\"id\":\"' || md5(g::text)::uuid || '\",\"ownerId\":\"' || ? || '\",\"type\":\"EXPENSE\","
            + "\"accountId\":\"5d0f7e38-2a31-4c7e-9a55-1f0b1c2d3e4f\",\"toAccountId\":null,\"amount\":{\"amount\":\"12.34\",\"currency\":\"EUR\"},"
            + "\"categoryId\":\"9b2c1d3e-4f50-6172-8394-a5b6c7d8e9f0\",\"categoryName\":\"Groceries\",\"date\":\"2026-11-25\","
            + "\"description\":\"Lunch ' || g || '\",\"merchant\":\"Cafe\",\"tags\":[\"work\"],\"originalAmount\":null,\"deleted\":false,"
            + "\"recordedAt\":\"2026-11-25T12:31:07Z\",\"updatedAt\":\"2026-11-25T12:31:07Z\",\"sharing\":null}'";

    static List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        String gateway = options.get("gateway");
        String jdbc = options.get("jdbc");
        long total = Long.parseLong(options.getOrDefault("total", "1000000"));
        List<Integer> missed = Bench.integers(options.getOrDefault("missed", "0,100,1000,10000"));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "5"));
        int history = 2 * missed.stream().mapToInt(Integer::intValue).max().orElse(100);
        String user = "replay-" + UUID.randomUUID();
        String epoch = UUID.randomUUID().toString();
        PrivateKey key = Bench.privateKey(Path.of(options.get("keys")));
        Bench.startSessions(jdbc, List.of(user));
        String token = Bench.accessToken(key, Bench.keyId(Path.of(options.get("keys"))), user);
        HttpClient client = Bench.socketClient(2);
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            long t0 = System.nanoTime();
            try (var insert = db.prepareStatement("INSERT INTO user_feed (user_id, seq, epoch, event, payload, global_index, created_at) "
                    + "SELECT ?, g, ?, 'expense:created', " + PAYLOAD + ", g, now() FROM generate_series(1, ?) g")) {
                insert.setString(1, user);
                insert.setString(2, epoch);
                insert.setString(3, user);
                insert.setLong(4, history);
                insert.executeUpdate();
            }
            try (var head = db.prepareStatement("INSERT INTO user_feed_head (user_id, seq, epoch) VALUES (?, ?, ?)")) {
                head.setString(1, user);
                head.setLong(2, history);
                head.setString(3, epoch);
                head.executeUpdate();
            }
            db.createStatement().execute("ANALYZE user_feed");
            System.out.printf("feed of the replaying user: %d entries in %.1f s%n", history, (System.nanoTime() - t0) / 1e9);

            warmUp(client, gateway, token, epoch, history, missed);
            long entries = count(db);
            for (int n : missed) {
                rows.add(measure(client, gateway, token, epoch, history, n, repeat, entries));
            }

            long others = total - history;
            if (others > 0) {
                t0 = System.nanoTime();
                try (var insert = db.prepareStatement("INSERT INTO user_feed (user_id, seq, epoch, event, payload, global_index, created_at) "
                        + "SELECT 'history-' || (g / " + PER_OTHER_USER + "), g % " + PER_OTHER_USER + " + 1, ?, 'expense:created', "
                        + PAYLOAD.replace("|| ? ||", "|| 'history-' || (g / " + PER_OTHER_USER + ") ||")
                        + ", " + history + " + g, now() FROM generate_series(0, ? - 1) g")) {
                    insert.setString(1, epoch);
                    insert.setLong(2, others);
                    insert.executeUpdate();
                }
                try (var heads = db.prepareStatement("INSERT INTO user_feed_head (user_id, seq, epoch) "
                        + "SELECT user_id, MAX(seq), MIN(epoch) FROM user_feed WHERE user_id LIKE 'history-%' GROUP BY user_id")) {
                    heads.executeUpdate();
                }
                db.createStatement().execute("VACUUM ANALYZE user_feed");
                System.out.printf("history: %d entries of other users in %.1f s%n", others, (System.nanoTime() - t0) / 1e9);
                warmUp(client, gateway, token, epoch, history, missed);
                entries = count(db);
                for (int n : missed) {
                    rows.add(measure(client, gateway, token, epoch, history, n, repeat, entries));
                }
            }
        }
        return rows;
    }

    /** JIT and pools settle before measuring (not reported). */
    private static void warmUp(HttpClient client, String gateway, String token, String epoch, long head, List<Integer> missed) throws Exception {
        int largest = missed.stream().mapToInt(Integer::intValue).max().orElse(1000);
        measure(client, gateway, token, epoch, head, Math.min(1000, largest), 5, null);
        measure(client, gateway, token, epoch, head, largest, 2, null);
    }

    private static long count(Connection db) throws Exception {
        try (var rs = db.createStatement().executeQuery("SELECT COUNT(*) FROM user_feed")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code repeat} reconnects with {@code lastSeq = head - missed}, one after another; null when only warming up. */
    private static Map<String, Object> measure(HttpClient client, String gateway, String token, String epoch, long head,
                                               int missed, int repeat, Long entries) throws Exception {
        long[] allMs = new long[repeat];
        long[] syncMs = new long[repeat];
        int failed = 0;
        for (int r = 0; r < repeat; r++) {
            long lastSeq = head - missed;
            long[] seqs = new long[missed];
            int[] received = {0};
            String[] problem = {null};
            CompletableFuture<Long> all = new CompletableFuture<>();
            CompletableFuture<Long> synced = new CompletableFuture<>();
            if (missed == 0) {
                all.complete(0L);
            }
            long t0 = System.nanoTime();
            RawSocket socket = RawSocket.open(client, gateway,
                    COMPACT.writeValueAsString(Map.of("token", token, "epoch", epoch, "lastSeq", lastSeq)), null,
                    (s, frame, at) -> {
                        String event = RawSocket.eventName(frame);
                        try {
                            if (event.equals("expense:created")) {
                                JsonNode payload = COMPACT.readTree(frame).get(1);
                                synchronized (seqs) {
                                    if (received[0] < missed) {
                                        seqs[received[0]] = payload.path("_meta").path("seq").asLong();
                                    } else if (problem[0] == null) {
                                        problem[0] = "more than " + missed + " entries";
                                    }
                                    if (++received[0] == missed) {
                                        all.complete(at);
                                    }
                                }
                            } else if (event.equals("sync:state")) {
                                JsonNode state = COMPACT.readTree(frame).get(1);
                                if (!state.path("recovered").asBoolean() || state.path("toSeq").asLong() != head) {
                                    problem[0] = "sync:state " + state;
                                }
                                synced.complete(at);
                            }
                        } catch (Exception e) {
                            problem[0] = e.toString();
                        }
                    });
            try {
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!synced.isDone() && !socket.closed.isDone() && System.nanoTime() < waitUntil) {
                    Thread.sleep(2); // the times come from the frames' arrival, not from this loop
                }
                if (!synced.isDone()) {
                    String why = socket.connected.isCompletedExceptionally()
                            ? socket.connected.handle((x, e) -> e.toString()).join() : "closed " + socket.closed.getNow(null);
                    throw new IllegalStateException("no sync:state after " + received[0] + " entries: " + why);
                }
                long syncAt = synced.get();
                long allAt = missed == 0 ? syncAt : all.get(1, TimeUnit.SECONDS);
                synchronized (seqs) {
                    for (int i = 0; i < missed && problem[0] == null; i++) {
                        if (seqs[i] != lastSeq + 1 + i) {
                            problem[0] = "entry " + i + " has seq " + seqs[i] + ", expected " + (lastSeq + 1 + i);
                        }
                    }
                }
                if (problem[0] != null) {
                    throw new IllegalStateException(problem[0]);
                }
                allMs[r - failed] = allAt - t0;
                syncMs[r - failed] = syncAt - t0;
            } catch (Exception e) {
                failed++;
                System.err.println("replay of " + missed + ": " + e + (problem[0] != null ? " (" + problem[0] + ")" : ""));
            } finally {
                socket.close();
            }
            Thread.sleep(200); // the gateway releases the socket (10 per user) before the next one
        }
        if (entries == null) {
            return null;
        }
        int ok = repeat - failed;
        long[] all = Arrays.copyOf(allMs, ok);
        long[] sync = Arrays.copyOf(syncMs, ok);
        Arrays.sort(all);
        Arrays.sort(sync);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("feed entries in total", entries);
        row.put("missed", missed);
        row.put("runs ok/failed", ok + "/" + failed);
        row.put("all received p50 ms", ok == 0 ? "–" : Load.ms(all[ok / 2]));
        row.put("min ms", ok == 0 ? "–" : Load.ms(all[0]));
        row.put("max ms", ok == 0 ? "–" : Load.ms(all[ok - 1]));
        row.put("sync:state p50 ms", ok == 0 ? "–" : Load.ms(sync[ok / 2]));
        row.put("entries/s", ok == 0 || missed == 0 ? "–" : Math.round(missed / (all[ok / 2] / 1e9)));
        row.put("load", Bench.loadAverage());
        System.out.println(row);
        return row;
    }

}
