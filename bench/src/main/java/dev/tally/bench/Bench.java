package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The benchmark load client. Usage:
 * <pre>
 *   java -jar tally-bench.jar commands  --api http://127.0.0.1:18081 --jdbc jdbc:postgresql://127.0.0.1:5432/tally_bench
 *        [--concurrency 1,8,32] [--seconds 15] [--max 200000] [--out bench/results]
 * </pre>
 * {@code commands}: records expenses through the REST API at each concurrency, then measures PostgreSQL's own durable
 * single-row insert rate at the same concurrency, and writes both as JSON and as a markdown table.
 */
public final class Bench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String scenario = args.length > 0 ? args[0] : "commands";
        if (!scenario.equals("commands")) {
            throw new IllegalArgumentException("unknown scenario " + scenario);
        }
        List<Integer> concurrencies = new ArrayList<>();
        for (String c : options.getOrDefault("concurrency", "1,8,32").split(",")) {
            concurrencies.add(Integer.parseInt(c.trim()));
        }
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "15")));
        long max = Long.parseLong(options.getOrDefault("max", "200000"));
        Path out = Path.of(options.getOrDefault("out", "bench/results"));
        Files.createDirectories(out);

        List<Load.Result> results = new ArrayList<>();
        for (int concurrency : concurrencies) {
            results.add(recordExpenses(options.get("api"), concurrency, duration, max));
            results.add(postgresInserts(options.get("jdbc"), concurrency, duration, max));
        }
        report(out, "commands", results);
    }

    /** Record expense commands over HTTP, each user on their own account as real clients would. */
    static Load.Result recordExpenses(String api, int concurrency, Duration duration, long max) throws Exception {
        String[] tokens = new String[concurrency];
        String[] accounts = new String[concurrency];
        for (int w = 0; w < concurrency; w++) {
            tokens[w] = signUp(api);
            accounts[w] = post(api + "/api/v1/accounts", tokens[w],
                    Map.of("name", "Bench", "type", "BANK", "currency", "EUR", "openingBalance", "0")).path("id").asText();
        }
        String today = LocalDate.now().toString();
        // warm-up: let the JIT and the pools settle before measuring
        Load.run("warm-up", concurrency, Duration.ofSeconds(3), 2_000, (w, n) -> post(api + "/api/v1/transactions", tokens[w],
                Map.of("type", "EXPENSE", "accountId", accounts[w], "amount", "1.00", "date", today)));
        return Load.run("record expense (REST)", concurrency, duration, max, (w, n) -> post(api + "/api/v1/transactions", tokens[w],
                Map.of("type", "EXPENSE", "accountId", accounts[w], "amount", "1.00", "date", today, "description", "bench " + n)));
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
        String email = "bench-" + UUID.randomUUID() + "@example.com";
        String password = "load test secret " + UUID.randomUUID();
        post(api + "/api/v1/auth/register", null, Map.of("email", email, "password", password, "displayName", "Load client", "timeZone", "UTC"));
        return post(api + "/api/v1/auth/login", null, Map.of("email", email, "password", password)).path("accessToken").asText();
    }

    static JsonNode post(String url, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + new String(response.body()));
        }
        return response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
    }

    static void report(Path out, String scenario, List<Load.Result> results) throws Exception {
        StringBuilder table = new StringBuilder("| what | concurrency | ops/s | p50 ms | p95 ms | p99 ms | max ms | done | failed |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Load.Result r : results) {
            table.append("| %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |%n".formatted(r.name(), r.concurrency(), r.perSecond(),
                    r.p50Ms(), r.p95Ms(), r.p99Ms(), r.maxMs(), r.completed(), r.failed()));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scenario", scenario);
        document.put("at", java.time.Instant.now().toString());
        document.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                "os", System.getProperty("os.name") + " " + System.getProperty("os.version"), "java", System.getProperty("java.version")));
        document.put("results", results);
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
