package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark load client: one scenario per run, against processes {@code bench/run.sh} started. Usage:
 * <pre>
 *   java -jar tally-bench.jar commands --api http://127.0.0.1:18081 --jdbc jdbc:postgresql://127.0.0.1:5432/tally_bench
 *        [--concurrency 1,8,32] [--seconds 15] [--warm-up 30] [--max 200000] [--out bench/results]
 *   java -jar tally-bench.jar latency  --api http://127.0.0.1:18081 --gateway http://127.0.0.1:18083 [--rates 50,200] [--seconds 20]
 *        [--warm-up 60]
 *   java -jar tally-bench.jar sockets  --gateway http://127.0.0.1:18193 --gateway-pid 1234 --keys data/keys --jdbc jdbc:postgresql://… --redis 127.0.0.1:6379
 *        --channel tally:feed [--sockets 10000] [--users 1000] [--rates 10000,20000,40000] [--seconds 10] [--warm-up 10] [--transport websocket|polling|websocket-deflate]
 *   java -jar tally-bench.jar replay   --gateway http://127.0.0.1:18193 --keys data/keys --jdbc jdbc:postgresql://…
 *        [--total 1000000] [--missed 0,100,1000,10000] [--repeat 5]
 *   java -jar tally-bench.jar rebuild-fill --jdbc jdbc:postgresql://… [--events 1000000]
 *   java -jar tally-bench.jar rebuild  --api http://127.0.0.1:18192 --admin-token … --jdbc jdbc:postgresql://… [--timeout 1800]
 *   java -jar tally-bench.jar seed     --api http://127.0.0.1:18081 [--gateway http://127.0.0.1:18083] [--label split]
 *        [--users 20] [--devices 2] [--concurrency 32] [--rate 200] [--seconds 20] [--warm-up 45]
 *   java -jar tally-bench.jar audit-fill --jdbc jdbc:postgresql://… --phase head|postings [--expenses 10000]
 *   java -jar tally-bench.jar audit    --api http://127.0.0.1:18196 --keys data/keys --jdbc jdbc:postgresql://… [--repeat 50]
 *   java -jar tally-bench.jar recurring-live --api http://127.0.0.1:18191 --gateway http://127.0.0.1:18193 --jdbc jdbc:postgresql://…
 *        [--users 20] [--spread 20] [--lead 120]
 *   java -jar tally-bench.jar recurring-catch-up --api … --gateway … --jdbc … --ready file --go file [--occurrences 1000]
 *        [--catch-up-users 20] [--days 1]
 * </pre>
 * {@code commands}: records expenses through the REST API at each concurrency, then measures PostgreSQL's own durable
 * single-row insert rate at the same concurrency. {@code latency}: from a command's HTTP 2xx to its push on a socket
 * held by the gateway, another process. {@code sockets}: idle sockets on one gateway (heap per socket), then fan-out
 * deliveries per second. {@code replay}: reconnect after missing N feed entries in a large feed. {@code rebuild}: events
 * per second when the read models are rebuilt from the event store. {@code seed}: the seed design's own workload (users ×
 * devices, closed loop then open loop, every push timed on every device). {@code audit}: the auditor's paged history and
 * as-of states of one account with a long history. {@code recurring-*}: from a recurring occurrence falling due to its
 * transaction committed and pushed, and catching up those due after downtime. Each writes its figures as JSON and as a markdown table.
 */
public final class Bench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String scenario = args.length > 0 ? args[0] : "commands";
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        Files.createDirectories(out);
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "15")));
        switch (scenario) {
            case "commands" -> report(out, scenario, commands(options, duration));
            case "latency" -> report(out, scenario, Latency.run(options.get("api"), options.get("gateway"),
                    integers(options.getOrDefault("rates", "50,200")), duration,
                    Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up", "60")))));
            case "sockets" -> report(out, scenario, Sockets.run(options));
            case "replay" -> report(out, scenario, Replay.run(options));
            case "rebuild-fill" -> Rebuild.fill(options);
            case "rebuild" -> report(out, scenario, Rebuild.run(options));
            case "seed" -> report(out, options.getOrDefault("report", scenario), Seed.run(options));
            case "transfer" -> report(out, scenario, Transfer.run(options));
            case "audit-fill" -> Audit.fill(options);
            case "recurring-live" -> report(out, scenario, Recurring.live(options));
            case "recurring-catch-up" -> report(out, scenario, Recurring.catchUp(options));
            case "audit" -> report(out, options.getOrDefault("report", scenario), Audit.run(options));
            default -> throw new IllegalArgumentException("unknown scenario " + scenario);
        }
    }

    static List<Integer> integers(String list) {
        List<Integer> values = new ArrayList<>();
        for (String value : list.split(",")) {
            values.add(Integer.parseInt(value.trim()));
        }
        return values;
    }

    static List<Map<String, Object>> commands(Map<String, String> options, Duration duration) throws Exception {
        long max = Long.parseLong(options.getOrDefault("max", "200000"));
        List<Map<String, Object>> results = new ArrayList<>();
        // the first concurrency's warm-up is long enough for the JIT to compile the command path (C2 is busy for most
        // of a minute); the later ones only settle their pools
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up", "30")));
        for (int concurrency : integers(options.getOrDefault("concurrency", "1,8,32"))) {
            results.add(recordExpenses(options.get("api"), concurrency, duration, warmUp, max).row());
            warmUp = Duration.ofSeconds(3);
            results.add(emptyRequests(options.get("api"), concurrency, duration, max).row());
            results.add(postgresInserts(options.get("jdbc"), concurrency, duration, max).row());
        }
        return results;
    }

    /** Record expense commands over HTTP, each user on their own account as real clients would. */
    static Load.Result recordExpenses(String api, int concurrency, Duration duration, Duration warmUp, long max) throws Exception {
        String[] tokens = new String[concurrency];
        String[] accounts = new String[concurrency];
        for (int w = 0; w < concurrency; w++) {
            tokens[w] = signUp(api);
            accounts[w] = post(api + "/api/v1/accounts", tokens[w],
                    Map.of("name", "Bench", "type", "BANK", "currency", "EUR", "openingBalance", "0")).path("id").asText();
        }
        String today = LocalDate.now().toString();
        // warm-up: let the JIT and the pools settle before measuring
        Load.run("warm-up", Math.max(concurrency, 8), warmUp, max, (w, n) -> post(api + "/api/v1/transactions", tokens[w % concurrency],
                Map.of("type", "EXPENSE", "accountId", accounts[w % concurrency], "amount", "1.00", "date", today)));
        return Load.run("record expense (REST)", concurrency, duration, max, (w, n) -> post(api + "/api/v1/transactions", tokens[w],
                Map.of("type", "EXPENSE", "accountId", accounts[w], "amount", "1.00", "date", today, "description", "bench " + n)));
    }

    /** The same server answering a request that does nothing (the public signing keys): the web stack's own ceiling. */
    static Load.Result emptyRequests(String api, int concurrency, Duration duration, long max) throws Exception {
        String jwks = api + "/.well-known/jwks.json";
        return Load.run("trivial GET (same server)", concurrency, duration, max, (w, n) -> {
            int status = Http.get(jwks).status();
            if (status != 200) {
                throw new IllegalStateException("jwks answered " + status);
            }
        });
    }

    /** PostgreSQL's own rate for one durable single-row insert per transaction, one connection per worker. */
    static Load.Result postgresInserts(String jdbc, int concurrency, Duration duration, long max) throws Exception {
        try (var setup = DriverManager.getConnection(jdbc, "postgres", "")) {
            setup.createStatement().execute("CREATE TABLE IF NOT EXISTS bench_insert (id BIGSERIAL PRIMARY KEY, "
                    + "event_identifier VARCHAR(255) NOT NULL UNIQUE, payload BYTEA NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        var connections = new java.sql.Connection[concurrency];
        for (int w = 0; w < concurrency; w++) {
            connections[w] = DriverManager.getConnection(jdbc, "postgres", "");
            connections[w].setAutoCommit(true);
        }
        byte[] payload = new byte[300];
        try {
            return Load.run("PostgreSQL durable insert", concurrency, duration, max, (w, n) -> {
                try (var insert = connections[w].prepareStatement("INSERT INTO bench_insert (event_identifier, payload) VALUES (?, ?)")) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setBytes(2, payload);
                    insert.executeUpdate();
                }
            });
        } finally {
            for (var connection : connections) {
                connection.close();
            }
        }
    }

    static String signUp(String api) throws Exception {
        return signUp(api, "UTC");
    }

    static String signUp(String api, String timeZone) throws Exception {
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String password = "load test secret " + UUID.randomUUID();
        post(api + "/api/v1/auth/register", null, Map.of("email", email, "password", password, "displayName", "Load client", "timeZone", timeZone));
        return post(api + "/api/v1/auth/login", null, Map.of("email", email, "password", password)).path("accessToken").asText();
    }

    static JsonNode post(String url, String token, Object body) throws Exception {
        Http.Response response = Http.post(url, token, body);
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.status() + ": " + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.json();
    }

    /** The RS256 private key (PKCS#8 PEM) the access tokens are signed with, from a data dir's {@code keys}. */
    static PrivateKey privateKey(Path keys) throws Exception {
        String pem = Files.readString(keys.resolve("jwt-private.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** The {@code kid} of the data dir's public key, as the command side derives it (SHA-256 of the X.509 form, base64url, 16 characters). */
    static String keyId(Path keys) throws Exception {
        String pem = Files.readString(keys.resolve("jwt-public.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        byte[] thumb = java.security.MessageDigest.getInstance("SHA-256").digest(der);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(thumb).substring(0, 16);
    }

    /**
     * Starts the sessions of {@link #accessToken} ({@code sid} {@code bench-<userId>}) where the gateway checks them,
     * as the command side does at sign-in: every process refuses a token whose session it does not know.
     */
    static void startSessions(String jdbc, List<String> userIds) throws Exception {
        try (var connection = DriverManager.getConnection(jdbc, "postgres", "");
             var insert = connection.prepareStatement("INSERT INTO user_session (session_id, user_id, started_at) VALUES (?, ?, now()) "
                     + "ON CONFLICT (session_id) DO NOTHING")) {
            for (String userId : userIds) {
                insert.setString(1, "bench-" + userId);
                insert.setString(2, userId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * An access token as the command side issues it (RS256 with {@code kid}, issuer {@code tally}, {@code sub},
     * {@code sid}, {@code name}, valid for an hour), so the bench needs no sign-up (PBKDF2) per user; its session must
     * have been started ({@link #startSessions}).
     */
    static String accessToken(PrivateKey key, String keyId, String userId) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = java.time.Instant.now().getEpochSecond();
        ObjectMapper compact = new ObjectMapper();
        String unsigned = b64.encodeToString(compact.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", keyId))) + "."
                + b64.encodeToString(compact.writeValueAsBytes(Map.of("iss", "tally", "sub", userId, "sid", "bench-" + userId,
                "name", "Bench " + userId, "iat", now - 60, "exp", now + 3600)));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key);
        signature.update(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + b64.encodeToString(signature.sign());
    }

    /** One HTTP client for many WebSockets: its selector thread plus a small fixed executor for the listeners. */
    static HttpClient socketClient(int threads) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30))
                .executor(java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
                    Thread thread = new Thread(r, "socket-client");
                    thread.setDaemon(true);
                    return thread;
                })).build();
    }

    static long single(java.sql.Connection db, String sql) throws Exception {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The machine's load average (1, 5, 15 min), recorded beside each figure: the machine may be shared. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "?";
        }
    }

    /** Prints the rows as a markdown table and writes them to {@code <scenario>.json} and {@code <scenario>.md}. */
    static void report(Path out, String scenario, List<Map<String, Object>> rows) throws Exception {
        List<String> columns = rows.isEmpty() ? List.of() : new ArrayList<>(rows.get(0).keySet());
        StringBuilder table = new StringBuilder("| " + String.join(" | ", columns) + " |\n|" + "---|".repeat(columns.size()) + "\n");
        for (Map<String, Object> row : rows) {
            table.append("|");
            for (String column : columns) {
                Object value = row.get(column);
                table.append(' ').append(value instanceof Double d ? "%.2f".formatted(d) : String.valueOf(value)).append(" |");
            }
            table.append('\n');
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenario);
        document.put("at", java.time.Instant.now().toString());
        document.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"), "java", System.getProperty("java.version")));
        document.put("results", rows);
        Files.writeString(out.resolve(scenario + ".json"), JSON.writeValueAsString(document));
        Files.writeString(out.resolve(scenario + ".md"), table.toString());
        System.out.println(table);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
