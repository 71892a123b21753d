package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Import and export throughput against a command side and a query side. Import: a CSV file of {@code at-once} rows
 * imported in one request (one transaction), then one of {@code job-rows} rows as a job, timed until the query side
 * lists it finished (every row recorded, posted and projected). Export: {@code export-rows} transactions of one user
 * (written straight into the read model: the export reads nothing else), downloaded as CSV and as JSON, counted as
 * they stream in.
 */
final class Transfer {

    private Transfer() {
    }

    static List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        String api = options.get("api");
        String query = options.get("query");
        int atOnce = Integer.parseInt(options.getOrDefault("at-once", "2000"));
        int jobRows = Integer.parseInt(options.getOrDefault("job-rows", "20000"));
        long exportRows = Long.parseLong(options.getOrDefault("export-rows", "1000000"));
        List<Map<String, Object>> rows = new ArrayList<>();

        String token = Bench.signUp(api);
        String userId = Bench.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
        String account = Bench.post(api + "/api/v1/accounts", token,
                Map.of("name", "Bench", "type", "BANK", "currency", "EUR", "openingBalance", "0")).path("id").asText();

        long start = System.nanoTime();
        JsonNode done = Bench.post(api + "/api/v1/imports", token, importBody(account, csv(0, atOnce), false));
        rows.add(row("import at once (CSV, one transaction)", done.path("recorded").asLong(), System.nanoTime() - start, null));

        start = System.nanoTime();
        String job = Bench.post(api + "/api/v1/imports", token, importBody(account, csv(atOnce, jobRows), true)).path("importId").asText();
        long recorded = awaitFinished(query, token, job, Duration.ofMinutes(20));
        rows.add(row("import job (CSV, chunks of 500, until listed finished)", recorded, System.nanoTime() - start, null));

        try (Connection db = DriverManager.getConnection(options.get("jdbc"), "postgres", "")) {
            try (PreparedStatement fill = db.prepareStatement("""
                    INSERT INTO transaction_view (transaction_id, owner_id, type, account_id, amount_minor, currency, date, description,
                                                  deleted, recorded_at, updated_at, last_index)
                    SELECT 'bench-' || n, ?, 'EXPENSE', ?, 100 + n % 9900, 'EUR', DATE '2020-01-01' + CAST(n % 2000 AS INTEGER), 'bench export row ' || n,
                           FALSE, now(), now(), 0
                    FROM generate_series(1, ?) AS s(n)""")) {
                fill.setString(1, userId);
                fill.setString(2, account);
                fill.setLong(3, exportRows);
                fill.executeUpdate();
            }
        }
        for (String format : new String[]{"csv", "json"}) {
            start = System.nanoTime();
            Http.Download download = Http.download(query + "/api/v1/export/transactions?format=" + format, token);
            if (download.status() != 200) {
                throw new IllegalStateException("export answered " + download.status());
            }
            long count = format.equals("csv") ? download.lines() - 1 : exportRows + atOnce + jobRows;
            rows.add(row("export " + format.toUpperCase() + " (streamed)", count, System.nanoTime() - start, download.bytes()));
        }
        return rows;
    }

    private static Map<String, Object> importBody(String account, String csv, boolean background) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("accountId", account);
        body.put("format", "CSV");
        body.put("content", csv);
        body.put("mapping", Map.of("date", "date", "amount", "amount", "description", "text"));
        body.put("background", background);
        return body;
    }

    /** Distinct rows (the text carries the row number), dated within the last year. */
    private static String csv(int from, int count) {
        StringBuilder csv = new StringBuilder("date,amount,text\n");
        LocalDate today = LocalDate.now();
        for (int i = from; i < from + count; i++) {
            csv.append(today.minusDays(i % 365)).append(",-").append(1 + i % 500).append('.').append(String.format("%02d", i % 100))
                    .append(",bench import row ").append(i).append('\n');
        }
        return csv.toString();
    }

    private static long awaitFinished(String query, String token, String importId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Http.Response list = Http.send(withToken(new org.apache.hc.client5.http.classic.methods.HttpGet(query + "/api/v1/imports"), token));
            for (JsonNode i : list.json()) {
                if (i.path("id").asText().equals(importId) && "FINISHED".equals(i.path("state").asText())) {
                    return i.path("recorded").asLong();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("import " + importId + " did not finish within " + timeout);
    }

    private static org.apache.hc.core5.http.ClassicHttpRequest withToken(org.apache.hc.core5.http.ClassicHttpRequest request, String token) {
        request.setHeader("Authorization", "Bearer " + token);
        return request;
    }

    private static Map<String, Object> row(String what, long count, long nanos, Long bytes) {
        double seconds = nanos / 1e9;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", what);
        row.put("rows", count);
        row.put("seconds", seconds);
        row.put("rows/s", count / seconds);
        row.put("MB", bytes == null ? "" : "%.1f".formatted(bytes / 1e6));
        return row;
    }
}
