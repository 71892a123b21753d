package dev.tally.bench;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.HdrHistogram.Histogram;
import org.json.JSONObject;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The lag of a recurring occurrence: from the moment it falls due (the start of its day in the owner's time zone) to
 * its {@code TransactionRecorded} committed in the event store, and to the {@code expense:created} push on the owner's
 * socket (held by the gateway, another process). Wall-clock times on one machine.
 * <ul>
 * <li>{@code recurring-live}: occurrences falling due while everything runs. Each user registers with a time zone of
 * their own, a fixed offset to the second (ZoneId {@code +05:17:23}), chosen so that their next midnight comes
 * {@code --lead} seconds from now plus their place in a {@code --spread} of seconds; their one schedule (daily, one
 * occurrence) starts that day.</li>
 * <li>{@code recurring-catch-up}: occurrences due after downtime. {@code run.sh} has started the command side with its
 * scheduler polling once an hour, so the schedules set up here (daily from today in UTC, due since midnight) wait
 * unseen; the client writes {@code --ready}, {@code run.sh} stops the command side and starts it again as usual and
 * writes {@code --go} (the new process's launch and readiness, epoch ms), and every occurrence is then caught up at
 * once.</li>
 * </ul>
 * Commits are seen by polling the event store every {@value #POLL_MS} ms for the transactions' ids (derived from the
 * schedule and the occurrence's index, as the command side derives them), so they are late by up to that much.
 */
final class Recurring {

    private static final long POLL_MS = 20;

    private record Occurrence(String transactionId, long dueMs) {
    }

    static List<Map<String, Object>> live(Map<String, String> options) throws Exception {
        String api = options.get("api");
        int users = Integer.parseInt(options.getOrDefault("users", "20"));
        long spread = Long.parseLong(options.getOrDefault("spread", "20"));
        long lead = Long.parseLong(options.getOrDefault("lead", "120"));
        long first = (System.currentTimeMillis() / 1000 + lead) * 1000;
        List<Occurrence> occurrences = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            Instant due = Instant.ofEpochMilli(first + u * spread * 1000 / users / 1000 * 1000);
            int secondOfDay = (int) (due.getEpochSecond() % 86_400);
            int offset = (86_400 - secondOfDay) % 86_400; // local midnight at {@code due}
            ZoneOffset zone = ZoneOffset.ofTotalSeconds(offset > 18 * 3600 ? offset - 86_400 : offset);
            String token = Bench.signUp(api, zone.getId());
            String account = Bench.post(api + "/api/v1/accounts", token,
                    Map.of("name", "Rent", "type", "BANK", "currency", "EUR", "openingBalance", "0")).path("id").asText();
            String id = schedule(api, token, account, LocalDate.ofInstant(due, zone), 1);
            occurrences.add(new Occurrence(transactionId(id, 0), due.toEpochMilli()));
            tokens.add(token);
        }
        Measured measured;
        try (Devices devices = new Devices(options.get("gateway"), tokens)) {
            long slack = first - System.currentTimeMillis();
            if (slack < 2_000) {
                throw new IllegalStateException("setting up took longer than --lead " + lead + " s: the first occurrences fell due before "
                        + "they were watched; raise --lead");
            }
            measured = watch(options.get("jdbc"), occurrences, devices.pushed, first + spread * 1000 + 120_000);
        }
        Histogram commit = new Histogram(3);
        Histogram push = new Histogram(3);
        for (Occurrence o : occurrences) {
            record(commit, measured.committed.get(o.transactionId), o.dueMs);
            record(push, measured.pushed.get(o.transactionId), o.dueMs);
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", "falls due → committed / pushed");
        row.put("occurrences", users);
        row.put("over s", spread);
        row.put("committed", commit.getTotalCount());
        row.put("pushed", push.getTotalCount());
        percentiles(row, "commit", commit);
        percentiles(row, "push", push);
        row.put("load avg", Bench.loadAverage());
        return List.of(row);
    }

    static List<Map<String, Object>> catchUp(Map<String, String> options) throws Exception {
        String api = options.get("api");
        int total = Integer.parseInt(options.getOrDefault("occurrences", "1000"));
        int users = Integer.parseInt(options.getOrDefault("catch-up-users", "20"));
        int days = Integer.parseInt(options.getOrDefault("days", "1"));
        int schedules = Math.max(1, total / days);
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1);
        List<Occurrence> occurrences = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        List<String> accounts = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            tokens.add(Bench.signUp(api, "UTC"));
            accounts.add(Bench.post(api + "/api/v1/accounts", tokens.get(u),
                    Map.of("name", "Subscriptions", "type", "BANK", "currency", "EUR", "openingBalance", "0")).path("id").asText());
        }
        for (int s = 0; s < schedules; s++) {
            String id = schedule(api, tokens.get(s % users), accounts.get(s % users), start, days);
            for (int day = 0; day < days; day++) {
                occurrences.add(new Occurrence(transactionId(id, day), start.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()));
            }
        }
        Path ready = Path.of(options.get("ready"));
        Path go = Path.of(options.get("go"));
        Measured measured;
        long launched;
        long readyAt;
        try (Devices devices = new Devices(options.get("gateway"), tokens)) {
            try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "")) {
                long early = Bench.single(db, "SELECT count(*) FROM domain_event_entry WHERE sequence_number = 0 AND aggregate_identifier IN ("
                        + String.join(",", occurrences.stream().map(o -> "'" + o.transactionId + "'").toList()) + ")");
                if (early > 0) {
                    throw new IllegalStateException(early + " occurrences were recorded before the downtime: the scheduler was polling");
                }
            }
            Files.writeString(ready, "set up\n");
            long waitUntil = System.currentTimeMillis() + 600_000;
            while (!Files.exists(go) || Files.readString(go).isBlank()) {
                if (System.currentTimeMillis() > waitUntil) {
                    throw new IllegalStateException("run.sh did not restart the command side (no " + go + ")");
                }
                Thread.sleep(50);
            }
            String[] times = Files.readString(go, StandardCharsets.UTF_8).trim().split("\\s+");
            launched = Long.parseLong(times[0]);
            readyAt = Long.parseLong(times[1]);
            measured = watch(options.get("jdbc"), occurrences, devices.pushed, System.currentTimeMillis() + 300_000);
        }
        long firstCommit = measured.committed.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long lastCommit = measured.committed.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long lastPush = measured.pushed.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", "due during downtime → caught up after a restart");
        row.put("occurrences", occurrences.size());
        row.put("schedules", schedules);
        row.put("committed", measured.committed.size());
        row.put("pushed", measured.pushed.size());
        row.put("process ready s", seconds(readyAt - launched));
        row.put("first commit s", seconds(firstCommit - launched));
        row.put("last commit s", seconds(lastCommit - launched));
        row.put("last push s", seconds(lastPush - launched));
        row.put("occurrences/s", Math.round(measured.committed.size() * 1000.0 / Math.max(1, lastCommit - firstCommit)));
        row.put("load avg", Bench.loadAverage());
        return List.of(row);
    }

    /** A daily schedule of {@code count} occurrences from {@code start}: 2.00 a day. */
    private static String schedule(String api, String token, String account, LocalDate start, int count) throws Exception {
        return Bench.post(api + "/api/v1/recurring", token, Map.of("type", "EXPENSE", "accountId", account, "amount", "2.00",
                "description", "Daily", "frequency", "DAILY", "interval", 1, "startDate", start.toString(), "count", count)).path("id").asText();
    }

    /** As the command side derives it ({@code RecurringTransaction.transactionId}). */
    private static String transactionId(String recurringId, long index) {
        return UUID.nameUUIDFromBytes((recurringId + "\n" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private record Measured(Map<String, Long> committed, Map<String, Long> pushed) {
    }

    /** Polls the event store until every occurrence is committed and pushed, or {@code untilMs}. Epoch ms of each. */
    private static Measured watch(String jdbc, List<Occurrence> occurrences, Map<String, Long> pushed, long untilMs) throws Exception {
        Map<String, Long> committed = new HashMap<>();
        Set<String> waiting = new HashSet<>();
        occurrences.forEach(o -> waiting.add(o.transactionId));
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "");
             var query = db.prepareStatement("SELECT aggregate_identifier FROM domain_event_entry "
                     + "WHERE sequence_number = 0 AND aggregate_identifier = ANY (?)")) {
            while ((!waiting.isEmpty() || pushed.size() < occurrences.size()) && System.currentTimeMillis() < untilMs) {
                if (!waiting.isEmpty()) {
                    query.setArray(1, db.createArrayOf("varchar", waiting.toArray()));
                    long seen = System.currentTimeMillis();
                    try (var rs = query.executeQuery()) {
                        while (rs.next()) {
                            String id = rs.getString(1);
                            waiting.remove(id);
                            committed.put(id, seen);
                        }
                    }
                }
                Thread.sleep(POLL_MS);
            }
        }
        return new Measured(committed, Map.copyOf(pushed));
    }

    private static void record(Histogram histogram, Long at, long dueMs) {
        if (at != null) {
            histogram.recordValue(Math.max(0, at - dueMs));
        }
    }

    private static void percentiles(Map<String, Object> row, String name, Histogram h) {
        row.put(name + " p50 ms", h.getTotalCount() == 0 ? "-" : h.getValueAtPercentile(50));
        row.put(name + " p99 ms", h.getTotalCount() == 0 ? "-" : h.getValueAtPercentile(99));
        row.put(name + " max ms", h.getTotalCount() == 0 ? "-" : h.getMaxValue());
    }

    private static double seconds(long ms) {
        return ms / 1000.0;
    }

    /** One socket per user (the {@code io.socket} client, WebSocket), noting when each {@code expense:created} arrives. */
    private static final class Devices implements AutoCloseable {

        final Map<String, Long> pushed = new ConcurrentHashMap<>();
        private final List<Socket> sockets = new ArrayList<>();

        Devices(String gateway, List<String> tokens) throws InterruptedException {
            CountDownLatch connected = new CountDownLatch(tokens.size());
            for (String token : tokens) {
                Socket socket = IO.socket(URI.create(gateway), IO.Options.builder().setTransports(new String[]{"websocket"})
                        .setAuth(Map.of("token", token)).build());
                socket.on(Socket.EVENT_CONNECT, args -> connected.countDown());
                socket.on("expense:created", args -> pushed.putIfAbsent(((JSONObject) args[0]).optString("id"), System.currentTimeMillis()));
                socket.connect();
                sockets.add(socket);
            }
            if (!connected.await(60, TimeUnit.SECONDS)) {
                close(); // the client's threads would keep this process alive
                throw new IllegalStateException((tokens.size() - connected.getCount()) + " of " + tokens.size() + " sockets connected to " + gateway);
            }
        }

        @Override
        public void close() {
            sockets.forEach(Socket::close);
        }
    }
}
