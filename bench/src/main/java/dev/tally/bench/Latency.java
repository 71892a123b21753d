package dev.tally.bench;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.HdrHistogram.Histogram;
import org.json.JSONObject;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * End-to-end latency: expenses recorded over HTTP at a fixed rate (open loop, so a slow answer does not slow the
 * offered load), each timed from its HTTP 2xx to the {@code expense:created} push on its owner's socket, which the
 * gateway (another process) holds. The path in between: command side appends, query side projects and writes the
 * feed, Redis carries it to the gateway.
 */
final class Latency {

    private static final int USERS = 20;

    static List<Map<String, Object>> run(String api, String gateway, List<Integer> rates, Duration duration, Duration warmUp) throws Exception {
        Map<String, Long> answered = new ConcurrentHashMap<>();
        Map<String, Long> pushed = new ConcurrentHashMap<>();
        String[] tokens = new String[USERS];
        String[] accounts = new String[USERS];
        List<Socket> sockets = new ArrayList<>();
        CountDownLatch connected = new CountDownLatch(USERS);
        for (int u = 0; u < USERS; u++) {
            tokens[u] = Bench.signUp(api);
            accounts[u] = Bench.post(api + "/api/v1/accounts", tokens[u],
                    Map.of("name", "Latency", "type", "BANK", "currency", "EUR", "openingBalance", "0")).path("id").asText();
            Socket socket = IO.socket(URI.create(gateway), IO.Options.builder().setTransports(new String[]{"websocket"})
                    .setAuth(Map.of("token", tokens[u])).build());
            socket.on(Socket.EVENT_CONNECT, args -> connected.countDown());
            socket.on("expense:created", args -> pushed.putIfAbsent(((JSONObject) args[0]).optString("id"), System.nanoTime()));
            socket.connect();
            sockets.add(socket);
        }
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("sockets did not connect to " + gateway);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            // warm-up, not reported: the three JVMs compile their hot paths over the first ten thousand commands or so
            // (C2 keeps a core busy for the first minute), and a server is measured as it runs for days, not as it starts
            offer(api, tokens, accounts, 100, warmUp, answered);
            for (int rate : rates) {
                drain(answered, pushed, Duration.ofSeconds(120)); // the previous step's backlog must not count in this one
                answered.clear();
                pushed.clear();
                rows.add(measure(api, tokens, accounts, rate, duration, answered, pushed));
            }
        } finally {
            sockets.forEach(Socket::close);
        }
        return rows;
    }

    private static Map<String, Object> measure(String api, String[] tokens, String[] accounts, int rate, Duration duration,
                                               Map<String, Long> answered, Map<String, Long> pushed) throws Exception {
        Offered offered = offer(api, tokens, accounts, rate, duration, answered);
        drain(answered, pushed, Duration.ofSeconds(30));
        Histogram latency = new Histogram(3); // resizes: a backlog can hold a push back for minutes
        long missing = 0;
        for (Map.Entry<String, Long> command : answered.entrySet()) {
            Long at = pushed.get(command.getKey());
            if (at == null) {
                missing++;
            } else {
                latency.recordValue(Math.max(0, at - command.getValue())); // a push may even beat the HTTP answer
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", "2xx → push on another process's socket");
        row.put("offered/s", rate);
        row.put("answered/s", Math.round(answered.size() / offered.seconds()));
        row.put("failed", offered.failed());
        row.put("pushes missing", missing);
        row.put("HTTP p50 ms", Load.ms(offered.http().getValueAtPercentile(50)));
        row.put("HTTP p99 ms", Load.ms(offered.http().getValueAtPercentile(99)));
        row.put("push p50 ms", Load.ms(latency.getValueAtPercentile(50)));
        row.put("push p95 ms", Load.ms(latency.getValueAtPercentile(95)));
        row.put("push p99 ms", Load.ms(latency.getValueAtPercentile(99)));
        row.put("push max ms", Load.ms(latency.getMaxValue()));
        return row;
    }

    /** Waits until every answered command has been pushed, or {@code atMost} passed. */
    private static void drain(Map<String, Long> answered, Map<String, Long> pushed, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!pushed.keySet().containsAll(answered.keySet()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private record Offered(double seconds, long failed, Histogram http) {
    }

    /**
     * Sends at {@code rate} per second for {@code duration}, each request on its own schedule (a pool of blocking
     * senders, so a slow answer does not hold the next one back); waits for the answers. A request's HTTP time counts
     * from when it was due, so a sender that starts late shows in the figure instead of hiding it.
     */
    private static Offered offer(String api, String[] tokens, String[] accounts, int rate, Duration duration,
                                 Map<String, Long> answered) throws Exception {
        Histogram http = new Histogram(3);
        AtomicLong failed = new AtomicLong();
        List<Future<?>> inFlight = new ArrayList<>();
        String today = LocalDate.now().toString();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long count = duration.toSeconds() * rate;
        for (long n = 0; n < count; n++) {
            long due = start + n * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int user = (int) (n % tokens.length);
            Map<String, String> expense = Map.of("type", "EXPENSE", "accountId", accounts[user], "amount", "1.00",
                    "date", today, "description", "latency " + n);
            inFlight.add(SENDERS.submit(() -> {
                try {
                    Http.Response response = Http.post(api + "/api/v1/transactions", tokens[user], expense);
                    long at = System.nanoTime();
                    if (response.status() / 100 == 2) {
                        answered.put(response.json().path("id").asText(), at);
                        synchronized (http) {
                            http.recordValue(at - due);
                        }
                        return;
                    }
                } catch (Exception e) {
                    // counted as failed below
                }
                failed.incrementAndGet();
            }));
        }
        for (Future<?> request : inFlight) {
            request.get();
        }
        return new Offered((System.nanoTime() - start) / 1e9, failed.get(), http);
    }

    /** Enough blocking senders for seconds of backlog at 200/s; idle ones cost nothing. */
    private static final ExecutorService SENDERS = Executors.newFixedThreadPool(512, runnable -> {
        Thread thread = new Thread(runnable, "latency-sender");
        thread.setDaemon(true);
        return thread;
    });
}
