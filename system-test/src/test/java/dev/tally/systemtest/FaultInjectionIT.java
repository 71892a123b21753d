package dev.tally.systemtest;

import dev.tally.platform.test.MachineRequirement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failures survived under load from real clients: the split deployment (command side, two query sides, two gateways)
 * on a PostgreSQL cluster and a Redis of this test's own, while users record expenses over REST (each retried with its
 * Idempotency-Key until acknowledged, as a careful client does) and each user's two devices follow their feed over
 * Socket.IO, reconnecting with their position when they lose their gateway. One after another: the command side is
 * killed (SIGKILL) and restarted, a query side is killed, a gateway is killed, PostgreSQL crashes and restarts, Redis
 * crashes and restarts. After each, the time until every user's next change is on every device is reported; at the
 * end, every acknowledged expense is in the store exactly once and every device has applied every one exactly once,
 * in the feed's order. The processes that were not killed were never restarted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@EnabledIf(value = "dev.tally.systemtest.FaultInjectionIT#serversFoundOrCi",
        disabledReason = "needs PostgreSQL's server binaries and redis-server; install with: apt-get install -y postgresql redis-server")
class FaultInjectionIT {

    private static final Path ROOT = Path.of(System.getProperty("tally.split.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = Path.of(System.getProperty("tally.it.logs", "target/fault-it")).toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final Duration UNANSWERED = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> recovery = new LinkedHashMap<>();
    private final List<Writer> writers = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor();
    private PrivateServers.Postgres postgres;
    private PrivateServers.Redis redis;
    private Map<String, String> common;
    private int commandPort;
    private ServiceProcess commandSide;
    private ServiceProcess queryA;
    private ServiceProcess queryB;
    private ServiceProcess gateway1;
    private ServiceProcess gateway2;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            services.forEach(service -> service.printLogTail(60));
            devices.forEach(device -> System.out.println(device + ": " + device.violations));
        }
    };

    static boolean serversFoundOrCi() {
        return MachineRequirement.presentOrCi(PrivateServers.available());
    }

    @BeforeAll
    void startTheTopology() throws Exception {
        MachineRequirement.require(PrivateServers.available(), "PostgreSQL's server binaries and redis-server (this test crashes servers of its own)",
                "apt-get install -y postgresql redis-server");
        PrivateServers.deleteRecursively(LOGS);
        postgres = PrivateServers.Postgres.create();
        redis = PrivateServers.Redis.create();
        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("postgres"), "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE tally");
        }
        common = Map.of("TALLY_DB_URL", postgres.jdbcUrl("tally"), "TALLY_DB_USER", "postgres", "TALLY_REDIS_ENABLED", "true",
                "SPRING_DATA_REDIS_HOST", "127.0.0.1", "SPRING_DATA_REDIS_PORT", Integer.toString(redis.port),
                // one master key for every process's personal data keys (docs/operations.md)
                "TALLY_MASTER_KEY", java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32)));
        commandPort = ServiceProcess.freePort();
        commandSide = startCommandSide();
        commandSide.awaitReady();
        queryA = start("query-side-a", "query-side", ServiceProcess.freePort());
        queryB = start("query-side-b", "query-side", ServiceProcess.freePort());
        gateway1 = start("gateway-1", "realtime-gateway", ServiceProcess.freePort());
        gateway2 = start("gateway-2", "realtime-gateway", ServiceProcess.freePort());
        for (ServiceProcess service : List.of(queryA, queryB, gateway1, gateway2)) {
            service.awaitReady();
        }
    }

    @AfterAll
    void stopEverything() throws Exception {
        writers.forEach(Writer::stop);
        supervisor.shutdownNow();
        devices.forEach(Device::close);
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stopQuietly);
        if (redis != null) {
            redis.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void everyAcknowledgedChangeSurvivesEachCrashAndReachesEveryDeviceOnceInOrder() throws Exception {
        for (String name : List.of("ada", "bob", "cem", "dee")) {
            User user = register(name);
            Writer writer = new Writer(user);
            writers.add(writer);
            JsonNode snapshot = RestApi.of(queryA, user.token).get("/transactions");
            devices.add(new Device(user, "phone", List.of(gateway1, gateway2), snapshot.at("/feed/epoch").asText(), snapshot.at("/feed/seq").asLong()));
            devices.add(new Device(user, "laptop", List.of(gateway2, gateway1), snapshot.at("/feed/epoch").asText(), snapshot.at("/feed/seq").asLong()));
        }
        devices.forEach(device -> supervisor.scheduleWithFixedDelay(device::keepConnected, 0, 250, TimeUnit.MILLISECONDS));
        writers.forEach(writer -> new Thread(writer, "writer-" + writer.user.name).start());
        recovered("load running", System.nanoTime());

        long fault = System.nanoTime();
        commandSide.kill();
        commandSide = startCommandSide(); // the orchestrator restarts it where its clients expect it
        recovered("command side killed (SIGKILL) and restarted", fault);

        fault = System.nanoTime();
        queryA.kill();
        recovered("query side A killed (B takes its segments over)", fault);
        queryA = start("query-side-a", "query-side", queryA.port);
        queryA.awaitReady();

        fault = System.nanoTime();
        gateway1.kill();
        recovered("gateway 1 killed (its devices move to gateway 2 and replay)", fault);
        gateway1 = start("gateway-1", "realtime-gateway", gateway1.port);
        gateway1.awaitReady();

        fault = System.nanoTime();
        postgres.crash();
        Thread.sleep(2_000);
        postgres.start();
        recovered("PostgreSQL crashed, restarted 2 s later", fault);

        fault = System.nanoTime();
        redis.crash();
        Thread.sleep(2_000);
        redis.start();
        recovered("Redis crashed, restarted 2 s later", fault);

        writers.forEach(Writer::stop);
        for (Writer writer : writers) {
            assertThat(writer.finished(Duration.ofSeconds(60))).as(writer.user.name + "'s last command acknowledged").isTrue();
            assertThat(writer.unexpected).as(writer.user.name + ": answers a careful client cannot retry").isEmpty();
        }
        System.out.println("Recovery, from the fault until every user's next change was on every device:");
        recovery.forEach((what, time) -> System.out.println("  " + what + ": " + time));
        devices.stream().filter(d -> !d.unanswered.isEmpty())
                .forEach(d -> System.out.println("  " + d + " got no answer to a CONNECT within " + UNANSWERED + ": " + d.unanswered));

        try (var connection = DriverManager.getConnection(postgres.jdbcUrl("tally"), "postgres", "")) {
            for (Writer writer : writers) {
                List<String> stored = new ArrayList<>();
                try (var query = connection.prepareStatement("SELECT aggregate_identifier FROM domain_event_entry "
                        + "WHERE payload_type = 'dev.tally.api.expense.TransactionRecorded' "
                        + "AND convert_from(payload, 'UTF8') LIKE ? ORDER BY global_index")) {
                    query.setString(1, "%" + writer.user.account + "%");
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            stored.add(rows.getString(1));
                        }
                    }
                }
                assertThat(stored).as(writer.user.name + ": every acknowledged expense stored exactly once, and nothing else")
                        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(writer.acknowledged);
                for (Device device : devices.stream().filter(d -> d.user == writer.user).toList()) {
                    await(device + " has everything").atMost(PATIENCE).untilAsserted(() ->
                            assertThat(device.created).as(device + ": each expense once, in the feed's (commit) order")
                                    .containsExactlyElementsOf(stored));
                    assertThat(device.violations).as(device + ": no gap, no epoch change, nothing unrecovered").isEmpty();
                }
            }
        }
        for (ServiceProcess untouched : List.of(queryB, gateway2)) {
            assertThat(untouched.isAlive()).as(untouched + " ran throughout, never restarted").isTrue();
        }
    }

    /** Waits until every user has a change acknowledged after {@code since} and on both devices; records how long. */
    private void recovered(String what, long since) {
        Map<Writer, Integer> marks = new HashMap<>();
        try {
            await(what + ": recovered").atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> recoveredSince(since, marks));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // the summary line is often all a CI log keeps: say there who was stuck, and how
            throw new AssertionError(what + ": not recovered within " + PATIENCE + "; " + writers.stream().map(Writer::state).toList()
                    + "; " + devices.stream().map(Device::state).toList(), e);
        }
        recovery.put(what, "%.1f s".formatted((System.nanoTime() - since) / 1e9));
    }

    private boolean recoveredSince(long since, Map<Writer, Integer> marks) {
        for (Writer writer : writers) {
            assertThat(writer.unexpected).as(writer.user.name + ": answers a careful client cannot retry").isEmpty();
            Integer mark = marks.computeIfAbsent(writer, w -> w.firstAcknowledgedAfter(since));
            if (mark == null) {
                marks.remove(writer);
                return false;
            }
            String id = writer.acknowledged.get(mark);
            if (!devices.stream().filter(d -> d.user == writer.user).allMatch(d -> d.created.contains(id))) {
                return false;
            }
        }
        return true;
    }

    // --- the users ---

    private record User(String name, String token, String account) {
    }

    private User register(String name) throws Exception {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        String password = "correct horse battery staple";
        RestApi anonymous = RestApi.of(commandSide, null);
        anonymous.post("/auth/register", """
                {"email":"%s","password":"%s","displayName":"%s","timeZone":"UTC"}""".formatted(email, password, name));
        String token = anonymous.post("/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, password)).get("accessToken").asText();
        String account = RestApi.of(commandSide, token).post("/accounts", """
                {"name":"Current account","type":"BANK","currency":"EUR","openingBalance":"100000.00"}""").get("id").asText();
        return new User(name, token, account);
    }

    /**
     * Records expenses one after another; each is retried with its own Idempotency-Key until a 2xx says it is stored,
     * whatever is down meanwhile (connection refused, 5xx, 503 while the read side catches up).
     */
    private final class Writer implements Runnable {
        final User user;
        final List<String> acknowledged = new CopyOnWriteArrayList<>();
        final List<Long> acknowledgedAt = new CopyOnWriteArrayList<>();
        final List<String> unexpected = new CopyOnWriteArrayList<>();
        private volatile String lastOutcome = "none yet";
        private volatile boolean running = true;
        private volatile boolean finished;

        Writer(User user) {
            this.user = user;
        }

        @Override
        public void run() {
            for (int n = 0; running; n++) {
                String key = user.name + "-" + n;
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + commandPort + "/api/v1/transactions"))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + user.token)
                        .header("Content-Type", "application/json").header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"type":"EXPENSE","accountId":"%s","amount":"1.00","description":"%s"}""".formatted(user.account, key)))
                        .build();
                while (true) {
                    try {
                        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                        lastOutcome = key + ": " + response.statusCode() + " at " + java.time.Instant.now();
                        if (response.statusCode() / 100 == 2) {
                            acknowledged.add(JSON.readTree(response.body()).get("id").asText());
                            acknowledgedAt.add(System.nanoTime());
                            break;
                        }
                        if (!List.of(409, 429, 503).contains(response.statusCode())) { // never a 500, whatever is down
                            unexpected.add(key + ": " + response.statusCode() + " " + response.body());
                        }
                    } catch (java.io.IOException down) {
                        // refused or reset while a process is down: the same key again shortly
                        lastOutcome = key + ": " + down + " at " + java.time.Instant.now();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    pause(200);
                }
                pause(50);
            }
            finished = true;
        }

        Integer firstAcknowledgedAfter(long since) {
            for (int i = 0; i < acknowledgedAt.size(); i++) {
                if (acknowledgedAt.get(i) > since) {
                    return i;
                }
            }
            return null;
        }

        void stop() {
            running = false;
        }

        String state() {
            return user.name + " (" + acknowledged.size() + " acknowledged, last answer " + lastOutcome + ", unexpected " + unexpected + ")";
        }

        boolean finished(Duration within) {
            await().atMost(within).until(() -> finished);
            return finished;
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * One device: a socket.io client on its preferred gateway, or the other when that one is gone, connecting with the
     * position it has applied ({epoch, lastSeq}) and applying feed events by the protocol's seq rule: a seq at or below
     * the position is a duplicate (skipped), the next one (or one that replaces every seq up to it) is applied, anything
     * else is a gap and recorded as a violation.
     */
    private static final class Device implements AutoCloseable {
        final User user;
        final String name;
        final List<ServiceProcess> gateways;
        final List<String> created = new CopyOnWriteArrayList<>();
        final List<String> violations = new CopyOnWriteArrayList<>();
        final List<String> unanswered = new CopyOnWriteArrayList<>();
        private final String epoch;
        private long lastSeq;
        private volatile Socket socket;
        private volatile boolean connecting;
        private volatile long connectingSince;
        private volatile String gateway = "none";

        Device(User user, String name, List<ServiceProcess> gateways, String epoch, long lastSeq) {
            this.user = user;
            this.name = name;
            this.gateways = gateways;
            this.epoch = epoch;
            this.lastSeq = lastSeq;
        }

        synchronized void keepConnected() {
            if (connecting && System.nanoTime() - connectingSince > UNANSWERED.toNanos()) {
                // the Java client has no timeout for a CONNECT that gets no answer: without this the device would wait
                // for ever (reported with the recovery times, and in the state a timeout prints)
                unanswered.add(gateway + " at " + java.time.Instant.now());
                connecting = false;
            }
            if (connecting || socket != null && socket.connected()) {
                return;
            }
            if (socket != null) {
                socket.off();
                socket.close();
            }
            ServiceProcess gateway = gateways.stream().filter(ServiceProcess::isAlive).findFirst().orElse(gateways.get(0));
            this.gateway = gateway.toString();
            IO.Options options = IO.Options.builder().setTransports(new String[]{"websocket"}).setReconnection(false).setForceNew(true)
                    .setAuth(Map.of("token", user.token, "epoch", epoch, "lastSeq", Long.toString(lastSeq))).build();
            Socket next = IO.socket(URI.create(gateway.url()), options);
            next.onAnyIncoming(args -> received(args));
            next.on(Socket.EVENT_CONNECT, args -> connecting = false);
            next.on(Socket.EVENT_CONNECT_ERROR, args -> connecting = false);
            next.on(Socket.EVENT_DISCONNECT, args -> connecting = false);
            connecting = true;
            connectingSince = System.nanoTime();
            socket = next;
            next.connect();
        }

        private synchronized void received(Object[] args) {
            String event = (String) args[0];
            if (!(args.length > 1 && args[1] instanceof JSONObject payload)) {
                return;
            }
            if (event.equals("sync:state")) {
                if (!payload.optBoolean("recovered", false)) {
                    violations.add("not recovered: " + payload);
                }
                return;
            }
            JSONObject meta = payload.optJSONObject("_meta");
            if (meta == null) {
                return; // live only (presence, room activity, status)
            }
            long seq = meta.optLong("seq");
            if (!epoch.equals(meta.optString("epoch"))) {
                violations.add("epoch changed: " + event + "#" + seq);
                return;
            }
            if (seq <= lastSeq) {
                return; // a duplicate, marked by its seq
            }
            List<Long> covered = new ArrayList<>(List.of(seq));
            JSONArray replaces = meta.optJSONArray("replaces");
            for (int i = 0; replaces != null && i < replaces.length(); i++) {
                covered.add(replaces.optLong(i));
            }
            Predicate<Long> gap = s -> !covered.contains(s);
            for (long s = lastSeq + 1; s < seq; s++) {
                if (gap.test(s)) {
                    violations.add("gap before " + event + "#" + seq + ": " + s + " missing");
                    break;
                }
            }
            lastSeq = seq;
            if (event.equals("expense:created")) {
                created.add(payload.optString("id"));
            }
        }

        @Override
        public void close() {
            if (socket != null) {
                socket.close();
            }
        }

        String state() {
            Socket current = socket;
            return this + " (" + (current != null && current.connected() ? "connected" : connecting ? "connecting" : "disconnected")
                    + " to " + gateway + ", lastSeq " + lastSeq + ", " + created.size() + " created, violations " + violations
                    + ", CONNECTs unanswered " + unanswered + ")";
        }

        @Override
        public String toString() {
            return user.name + "'s " + name;
        }
    }

    // --- the machinery ---

    private ServiceProcess startCommandSide() throws Exception {
        ServiceProcess service = ServiceProcess.start("command-side", ServiceProcess.execJar(ROOT, "command-side"), LOGS,
                with("TALLY_DATA_DIR", LOGS.resolve("command-side-data").toString()), List.of(), commandPort);
        services.add(service);
        service.awaitReady();
        return service;
    }

    private ServiceProcess start(String name, String module, int port) throws Exception {
        Map<String, String> env = with("TALLY_DATA_DIR", LOGS.resolve(name + "-data").toString());
        env.put("TALLY_JWT_JWK_SET_URI", "http://127.0.0.1:" + commandPort + "/.well-known/jwks.json");
        env.put("TALLY_COMMAND_API_URL", "http://127.0.0.1:" + commandPort);
        if (queryA != null) { // the gateways ask a query side who may join a room
            env.put("TALLY_QUERY_API_URL", "http://127.0.0.1:" + queryA.port);
        }
        ServiceProcess service = ServiceProcess.start(name, ServiceProcess.execJar(ROOT, module), LOGS, env, List.of(), port);
        services.add(service);
        return service;
    }

    private Map<String, String> with(String key, String value) {
        Map<String, String> env = new HashMap<>(common);
        env.put(key, value);
        return env;
    }
}
