package dev.tally.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Socket capacity of one gateway process (fixed heap): {@code --sockets} idle authenticated sockets over
 * {@code --users} users (at most 10 per user, the protocol's cap), the gateway's heap after a full GC before and after
 * (read with {@code jcmd}), then fan-out: feed entries published on the gateway's Redis feed channel exactly as the
 * query side publishes a commit (one entry of one user per message), each delivered by the gateway to all of that
 * user's sockets, offered at fixed rates of deliveries per second; deliveries are counted at the clients.
 */
final class Sockets {

    private static final ObjectMapper COMPACT = new ObjectMapper();

    static List<Map<String, Object>> run(Map<String, String> options) throws Exception {
        String gateway = options.get("gateway");
        long pid = Long.parseLong(options.get("gateway-pid"));
        int socketCount = Integer.parseInt(options.getOrDefault("sockets", "10000"));
        int userCount = Integer.parseInt(options.getOrDefault("users", String.valueOf((socketCount + 9) / 10)));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int inFlight = Integer.parseInt(options.getOrDefault("connect-concurrency", "100"));
        // websocket (default); polling: Engine.IO long-polling that never upgrades, as behind a proxy blocking WebSocket;
        // websocket-deflate: Tomcat's client offering permessage-deflate (run.sh starts the gateway with it on)
        String transport = options.getOrDefault("transport", "websocket");
        java.util.concurrent.ExecutorService connector = java.util.concurrent.Executors.newFixedThreadPool(16);
        PrivateKey key = Bench.privateKey(Path.of(options.get("keys")));
        String keyId = Bench.keyId(Path.of(options.get("keys")));
        String[] users = new String[userCount];
        String[] auth = new String[userCount];
        for (int u = 0; u < userCount; u++) {
            users[u] = "bench-" + UUID.randomUUID();
            auth[u] = COMPACT.writeValueAsString(Map.of("token", Bench.accessToken(key, keyId, users[u])));
        }
        Bench.startSessions(options.get("jdbc"), List.of(users));
        List<Map<String, Object>> rows = new ArrayList<>();

        // --- idle sockets: heap of the gateway after a full GC, before and after ---
        Gauges before = gauges(pid);
        AtomicLong delivered = new AtomicLong();
        AtomicLong lastDelivery = new AtomicLong();
        Histogram latency = new Histogram(3);
        BenchSocket.Events events = (socket, frame, at) -> {
            if (frame.startsWith("[\"expense:created\"")) {
                int i = frame.indexOf("\"sentNanos\":");
                if (i >= 0) {
                    int start = i + 12;
                    int end = start;
                    while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
                        end++;
                    }
                    long sent = Long.parseLong(frame.substring(start, end));
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, at - sent));
                    }
                }
                delivered.incrementAndGet();
                lastDelivery.accumulateAndGet(at, Math::max);
            }
        };
        HttpClient client = Bench.socketClient(Integer.parseInt(options.getOrDefault("client-threads", "2")));
        List<BenchSocket> sockets = new ArrayList<>(socketCount);
        Semaphore handshakes = new Semaphore(inFlight);
        AtomicLong refused = new AtomicLong();
        long t0 = System.nanoTime();
        long connectDeadline = t0 + TimeUnit.SECONDS.toNanos(Long.parseLong(options.getOrDefault("connect-timeout", "300")));
        for (int i = 0; i < socketCount && System.nanoTime() < connectDeadline; i++) {
            if (!handshakes.tryAcquire(Math.max(1, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            BenchSocket socket = switch (transport) {
                case "polling" -> PollingSocket.open(client, gateway, auth[i % userCount], i % userCount, events);
                case "websocket-deflate" -> DeflateSocket.open(connector, gateway, auth[i % userCount], i % userCount, events);
                default -> RawSocket.open(client, gateway, auth[i % userCount], i % userCount, events);
            };
            socket.connected.whenComplete((s, e) -> {
                handshakes.release();
                if (e != null && refused.incrementAndGet() <= 3) {
                    System.err.println("socket: " + e);
                }
            });
            sockets.add(socket);
        }
        handshakes.tryAcquire(inFlight, Math.max(1, connectDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        double connectSeconds = (System.nanoTime() - t0) / 1e9;
        int[] perUser = new int[userCount];
        int open = 0;
        for (BenchSocket socket : sockets) {
            if (socket.connected.isDone() && !socket.connected.isCompletedExceptionally()) {
                perUser[(Integer) socket.tag]++;
                open++;
            }
        }
        System.out.printf("%d of %d sockets connected in %.1f s (%d refused or failed)%n", open, socketCount, connectSeconds, refused.get());
        Thread.sleep(5_000); // presence and sync:state settle
        Gauges after = gauges(pid);
        double perSocketHeap = open == 0 ? 0 : (after.heapBytes - before.heapBytes) / 1024.0 / open;
        double perSocketRss = open == 0 ? 0 : (after.rssKb - before.rssKb) / (double) open;
        connector.shutdown();
        Map<String, Object> idle = row("idle " + transport + " sessions (heap after full GC)", open);
        idle.put("connect/s", Math.round(open / connectSeconds));
        idle.put("heap MB before→after", mb(before.heapBytes) + " → " + mb(after.heapBytes));
        idle.put("heap KB/socket", round(perSocketHeap));
        idle.put("RSS KB/socket", round(perSocketRss));
        idle.put("gateway threads", before.threads + " → " + after.threads);
        rows.add(idle);
        System.out.println(idle);

        // --- fan-out: one feed entry per Redis message, to all sockets of its user ---
        String[] redis = options.getOrDefault("redis", "127.0.0.1:6379").split(":");
        String channel = options.get("channel");
        long[] seqs = new long[userCount];
        try (Publisher publisher = new Publisher(redis[0], Integer.parseInt(redis[1]))) {
            // the first step warms the delivery path up (JIT) at the first rate and is not reported: cold, the same
            // 20 000/s ran 0.7 s behind at p50, warm under 1 ms
            List<Integer> rates = Bench.integers(options.getOrDefault("rates", "10000,20000,40000"));
            int warmUpSeconds = Integer.parseInt(options.getOrDefault("warm-up", "10"));
            for (int step = warmUpSeconds > 0 ? -1 : 0; step < rates.size(); step++) {
                boolean warmUp = step < 0;
                int rate = rates.get(Math.max(step, 0));
                delivered.set(0);
                synchronized (latency) {
                    latency.reset();
                }
                int closedBefore = closed(sockets);
                double perMessage = open / (double) userCount;
                long messages = Math.round(rate * (warmUp ? warmUpSeconds : seconds) / perMessage);
                long interval = Math.round(TimeUnit.SECONDS.toNanos(1) * perMessage / rate);
                long expected = 0;
                long cpuBefore = cpuMillis(pid);
                long start = System.nanoTime();
                for (long n = 0; n < messages; n++) {
                    long due = start + n * interval;
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    int u = (int) (n % userCount);
                    expected += perUser[u];
                    publisher.publish(channel, entry(users[u], ++seqs[u], n));
                }
                double publishSeconds = (System.nanoTime() - start) / 1e9;
                long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (delivered.get() < expected && System.nanoTime() < drainDeadline) {
                    Thread.sleep(20);
                }
                long got = delivered.get();
                long cpu = cpuMillis(pid) - cpuBefore;
                double seconds2 = Math.max(publishSeconds, (lastDelivery.get() - start) / 1e9);
                Map<String, Object> fan = row("fan-out (Redis feed signal → all " + transport + " sessions of the user)",
                        open - closed(sockets));
                fan.put("offered msg/s", rate);
                fan.put("published/s", Math.round(messages / publishSeconds));
                fan.put("delivered msg/s", Math.round(got / seconds2));
                fan.put("missing", expected - got);
                fan.put("gateway CPU ms/1000 pushes", got == 0 ? "–" : round(cpu * 1000.0 / got));
                fan.put("sockets closed", closed(sockets) - closedBefore);
                synchronized (latency) {
                    fan.put("p50 ms", Load.ms(latency.getValueAtPercentile(50)));
                    fan.put("p99 ms", Load.ms(latency.getValueAtPercentile(99)));
                    fan.put("max ms", Load.ms(latency.getMaxValue()));
                }
                fan.put("publish replies with no subscriber", publisher.unheard.get());
                if (warmUp) {
                    System.out.println("warm-up " + fan);
                    continue;
                }
                rows.add(fan);
                System.out.println(fan);
            }
        } finally {
            sockets.forEach(BenchSocket::close);
        }
        return rows;
    }

    /** Rows share one set of columns, so the table lines up; a column that does not apply shows "–". */
    private static Map<String, Object> row(String what, int sockets) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("what", what);
        row.put("sockets", sockets);
        for (String column : List.of("connect/s", "heap MB before→after", "heap KB/socket", "RSS KB/socket", "gateway threads",
                "offered msg/s", "published/s", "delivered msg/s", "missing", "gateway CPU ms/1000 pushes", "sockets closed",
                "p50 ms", "p99 ms", "max ms",
                "publish replies with no subscriber")) {
            row.put(column, "–");
        }
        row.put("load", Bench.loadAverage());
        return row;
    }

    private static int closed(List<BenchSocket> sockets) {
        int closed = 0;
        for (BenchSocket socket : sockets) {
            if (socket.closed.isDone()) {
                closed++;
            }
        }
        return closed;
    }

    /** A commit's feed signal as the query side publishes it: a JSON array of FeedEntry, here with one expense view. */
    private static String entry(String userId, long seq, long n) throws Exception {
        String id = new UUID(n, seq).toString();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("ownerId", userId);
        view.put("type", "EXPENSE");
        view.put("accountId", "5d0f7e38-2a31-4c7e-9a55-1f0b1c2d3e4f");
        view.put("toAccountId", null);
        view.put("amount", Map.of("amount", "12.34", "currency", "EUR"));
        view.put("categoryId", "9b2c1d3e-4f50-6172-8394-a5b6c7d8e9f0");
        view.put("categoryName", "Groceries");
        view.put("date", "2026-11-25");
        view.put("description", "Lunch " + n);
        view.put("merchant", "Cafe");
        view.put("tags", List.of("work"));
        view.put("deleted", false);
        view.put("recordedAt", "2026-11-25T12:31:07Z");
        view.put("updatedAt", "2026-11-25T12:31:07Z");
        view.put("sentNanos", System.nanoTime());
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("userId", userId);
        entry.put("seq", seq);
        entry.put("epoch", "bench-epoch");
        entry.put("event", "expense:created");
        entry.put("payload", COMPACT.writeValueAsString(view));
        entry.put("globalIndex", n);
        entry.put("createdAt", Instant.now().toString());
        return COMPACT.writeValueAsString(List.of(entry));
    }

    /** The gateway's CPU time so far (user + system, /proc/&lt;pid&gt;/stat, at the usual 100 ticks a second). */
    private static long cpuMillis(long pid) throws Exception {
        String stat = java.nio.file.Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private record Gauges(long heapBytes, long rssKb, long threads) {
    }

    /** The gateway's heap used after two full GCs ({@code jcmd GC.run}, then {@code GC.heap_info}), its RSS and threads. */
    private static Gauges gauges(long pid) throws Exception {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap figure from jcmd " + pid + " GC.heap_info");
        }
        long rss = 0;
        long threads = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Threads:")) {
                threads = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return new Gauges(Long.parseLong(used.group(1)) * 1024, rss, threads);
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process process = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + output);
        }
        return output;
    }

    private static String mb(long bytes) {
        return String.valueOf(Math.round(bytes / 1024.0 / 1024.0));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** PUBLISH over a raw RESP connection (pipelined; a reader thread consumes the replies). */
    static final class Publisher implements AutoCloseable {
        final AtomicLong unheard = new AtomicLong();
        private final Socket socket;
        private final OutputStream out;
        private final Thread replies;

        Publisher(String host, int port) throws Exception {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            replies = new Thread(() -> {
                try {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.equals(":0")) {
                            unheard.incrementAndGet();
                        } else if (line.startsWith("-")) {
                            System.err.println("redis: " + line);
                        }
                    }
                } catch (Exception e) {
                    // closed
                }
            }, "redis-replies");
            replies.setDaemon(true);
            replies.start();
        }

        void publish(String channel, String message) throws Exception {
            byte[] c = channel.getBytes(StandardCharsets.UTF_8);
            byte[] m = message.getBytes(StandardCharsets.UTF_8);
            out.write(("*3\r\n$7\r\nPUBLISH\r\n$" + c.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(c);
            out.write(("\r\n$" + m.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(m);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
        }
    }
}
