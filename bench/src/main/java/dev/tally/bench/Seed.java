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
 * The seed design's own workload, as {@code load.mjs} of the side-by-side ({@code shared/anchor}) drives it: users with
 * several devices each (Socket.IO clients over WebSocket), expenses recorded over HTTP on the users in turn, first in a
 * closed loop of {@code concurrency} requests, then open loop at {@code rate} per second; each push is timed on every
 * device from its request's start, and pushes still missing 2 s after the run are counted as lost.
 */
final class Seed {

    static List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        String api = options.get("api");
        String gateway = options.getOrDefault("gateway", api);
        String label = options.getOrDefault("label", api);
        int users = Integer.parseInt(options.getOrDefault("users", "20"));
        int devices = Integer.parseInt(options.getOrDefault("devices", "2"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        Duration duration = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "20")));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warm-up", "45")));

        Workload workload = new Workload(api, users, devices);
        workload.connect(gateway);
        List<Map<String, Object>> rows = new ArrayList<>();
        try {
            workload.closed("warm-up", concurrency, warmUp); // the JIT compiles the whole path in the first minute
            workload.settle();
            rows.add(workload.closed("closed c=" + concurrency, concurrency, duration).row(label, users, devices));
            workload.settle();
            rows.add(workload.open("open " + rate + "/s", rate, duration).row(label, users, devices));
        } finally {
            workload.close();
        }
        return rows;
    }

    private record Phase(String mode, double seconds, long ok, long refused, long failed, Histogram http, Histogram push,
                         long delivered, long expected) {
        Map<String, Object> row(String label, int users, int devices) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("server", label);
            row.put("users × devices", users + " × " + devices);
            row.put("mode", mode);
            row.put("expenses/s", Math.round(ok / seconds));
            row.put("503", refused);
            row.put("failed", failed);
            row.put("HTTP p50 ms", Load.ms(http.getValueAtPercentile(50)));
            row.put("HTTP p99 ms", Load.ms(http.getValueAtPercentile(99)));
            row.put("push p50 ms", Load.ms(push.getValueAtPercentile(50)));
            row.put("push p99 ms", Load.ms(push.getValueAtPercentile(99)));
            row.put("lost", expected - delivered);
            row.put("load avg", Bench.loadAverage());
            return row;
        }
    }

    /** The users, their accounts and devices, and the pushes the devices received, by the expense's description. */
    private static final class Workload {
        private final String api;
        private final String[] tokens;
        private final String[] accounts;
        private final int devices;
        private final List<Socket> sockets = new ArrayList<>();
        private final Map<String, Long> started = new ConcurrentHashMap<>();
        private volatile Histogram push = new Histogram(3);
        private final AtomicLong delivered = new AtomicLong();
        private final AtomicLong sequence = new AtomicLong();
        private final String today = LocalDate.now().toString();

        Workload(String api, int users, int devices) throws Exception {
            this.api = api;
            this.devices = devices;
            tokens = new String[users];
            accounts = new String[users];
            for (int u = 0; u < users; u++) {
                tokens[u] = Bench.signUp(api);
                accounts[u] = Bench.post(api + "/api/v1/accounts", tokens[u],
                        Map.of("name", "Seed", "type", "BANK", "currency", "EUR", "openingBalance", "1000000.00")).path("id").asText();
            }
        }

        void connect(String gateway) throws InterruptedException {
            CountDownLatch connected = new CountDownLatch(tokens.length * devices);
            for (String token : tokens) {
                for (int d = 0; d < devices; d++) {
                    Socket socket = IO.socket(URI.create(gateway), IO.Options.builder().setTransports(new String[]{"websocket"})
                            .setReconnection(false).setAuth(Map.of("token", token)).build());
                    socket.on(Socket.EVENT_CONNECT, args -> connected.countDown());
                    socket.on("expense:created", args -> pushed(((JSONObject) args[0]).optString("description")));
                    socket.connect();
                    sockets.add(socket);
                }
            }
            if (!connected.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("devices did not connect to " + gateway);
            }
        }

        private void pushed(String description) {
            Long at = started.get(description);
            if (at != null) {
                long latency = System.nanoTime() - at;
                delivered.incrementAndGet();
                Histogram histogram = push;
                synchronized (histogram) {
                    histogram.recordValue(latency);
                }
            }
        }

        /** Records one expense for the next user in turn; the answer's status. */
        private int record(Histogram http) {
            long n = sequence.getAndIncrement();
            int user = (int) (n % tokens.length);
            String description = "seed " + n;
            long t0 = System.nanoTime();
            started.put(description, t0);
            try {
                int status = Http.post(api + "/api/v1/transactions", tokens[user], Map.of("type", "EXPENSE",
                        "accountId", accounts[user], "amount", "1.23", "description", description, "date", today)).status();
                if (status / 100 == 2) {
                    synchronized (http) {
                        http.recordValue(System.nanoTime() - t0);
                    }
                } else {
                    started.remove(description);
                }
                return status;
            } catch (Exception e) {
                started.remove(description);
                return 0;
            }
        }

        Phase closed(String mode, int concurrency, Duration duration) throws Exception {
            Counts counts = begin();
            long deadline = System.nanoTime() + duration.toNanos();
            ExecutorService workers = Executors.newFixedThreadPool(concurrency);
            List<Future<?>> loops = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                loops.add(workers.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        counts.count(record(counts.http));
                    }
                }));
            }
            for (Future<?> loop : loops) {
                loop.get();
            }
            workers.shutdown();
            return end(mode, counts);
        }

        /** Each request leaves on its own schedule from a pool of blocking senders, so a slow answer does not slow the next. */
        Phase open(String mode, int rate, Duration duration) throws Exception {
            Counts counts = begin();
            ExecutorService senders = Executors.newFixedThreadPool(512);
            List<Future<?>> sent = new ArrayList<>();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            for (long n = 0; n < duration.toSeconds() * rate; n++) {
                long due = counts.start + n * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                sent.add(senders.submit(() -> counts.count(record(counts.http))));
            }
            for (Future<?> request : sent) {
                request.get();
            }
            senders.shutdown();
            return end(mode, counts);
        }

        private Counts begin() {
            started.clear();
            delivered.set(0);
            push = new Histogram(3);
            return new Counts(System.nanoTime());
        }

        private Phase end(String mode, Counts counts) throws InterruptedException {
            double seconds = (System.nanoTime() - counts.start) / 1e9;
            Thread.sleep(2000); // as load.mjs: what has not arrived 2 s after the run is lost
            long expected = counts.ok.get() * devices;
            return new Phase(mode, seconds, counts.ok.get(), counts.refused.get(), counts.failed.get(), counts.http, push,
                    delivered.get(), expected);
        }

        /** Waits for the backlog of the phase before to drain, so it is not counted in the next. */
        void settle() throws InterruptedException {
            Thread.sleep(5000);
        }

        void close() {
            sockets.forEach(Socket::close);
        }
    }

    private static final class Counts {
        final long start;
        final Histogram http = new Histogram(3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Counts(long start) {
            this.start = start;
        }

        void count(int status) {
            (status / 100 == 2 ? ok : status == 503 ? refused : failed).incrementAndGet();
        }
    }
}
