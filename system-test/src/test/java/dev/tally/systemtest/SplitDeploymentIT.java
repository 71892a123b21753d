package dev.tally.systemtest;

import dev.tally.platform.test.PostgresTestDatabase;
import dev.tally.platform.test.RedisTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The split deployment of docker-compose.yml, as plain processes on loopback (no Docker engine needed): the built
 * exec jars of command side, two query sides (A and B) and two gateways, on one fresh PostgreSQL database and one
 * Redis (channels under a prefix of this run only). Everything goes through the public interfaces: REST, sockets with
 * the Java socket.io client, and the token store the operators look at.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SplitDeploymentIT {

    private static final Path ROOT = Path.of(System.getProperty("tally.split.root", "..")).toAbsolutePath().normalize();
    private static final Path LOGS = Path.of(System.getProperty("tally.it.logs", "target/split-it")).toAbsolutePath();
    /** The machine's PostgreSQL and Redis when they answer, else embedded ones this JVM starts (platform's test support). */
    private static final String PG_HOST = PostgresTestDatabase.host();
    private static final String PG_USER = PostgresTestDatabase.user();
    private static final String PROCESSOR = "query-read-models";
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
    private final List<FeedSocket> sockets = Collections.synchronizedList(new ArrayList<>());
    /** This run's own: builds running side by side on one machine must not share (or drop) each other's data. */
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String redisPrefix = "split-it-" + run;
    private final String database = "tally_split_it_" + run;
    private volatile boolean failed;
    private ServiceProcess commandSide;
    private ServiceProcess queryA;
    private ServiceProcess queryB;
    private ServiceProcess gateway1;
    private ServiceProcess gateway2;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
            services.forEach(service -> service.printLogTail(80));
        }
    };

    private static final String MASTER_KEY = java.util.Base64.getEncoder().encodeToString(new java.security.SecureRandom().generateSeed(32));

    @BeforeAll
    void startTheTopology() throws Exception {
        try {
            freshDatabase();
            deleteRecursively(LOGS);
            Map<String, String> common = Map.of(
                    "TALLY_DB_URL", jdbcUrl(database),
                    "TALLY_DB_USER", PG_USER,
                    "TALLY_REDIS_ENABLED", "true",
                    "SPRING_DATA_REDIS_HOST", RedisTestServer.host(),
                    "SPRING_DATA_REDIS_PORT", Integer.toString(RedisTestServer.port()),
                    // every process reads the same personal data keys: one master key for all (docs/operations.md)
                    "TALLY_MASTER_KEY", MASTER_KEY);
            String prefix = "--tally.gateway.redis.prefix=" + redisPrefix;

            commandSide = start("command-side", "command-side", with(common, "TALLY_DATA_DIR", LOGS.resolve("command-side-data").toString()),
                    List.of(prefix));
            commandSide.awaitReady();

            // as in docker-compose.yml: the others verify tokens with the command side's JWKS
            Map<String, String> verifying = with(common, "TALLY_JWT_JWK_SET_URI", commandSide.url() + "/.well-known/jwks.json");
            List<String> querySide = List.of(prefix, "--tally.query.feed.redis-channel=" + redisPrefix + ":feed");
            // the rest start together, as an orchestrator starts them; whichever query side claims first takes every
            // segment and must then share them with the other
            queryA = start("query-side-a", "query-side", with(verifying, "TALLY_DATA_DIR", LOGS.resolve("query-a-data").toString()), querySide);
            queryB = start("query-side-b", "query-side", with(verifying, "TALLY_DATA_DIR", LOGS.resolve("query-b-data").toString()), querySide);
            Map<String, String> gateway = with(with(verifying, "TALLY_COMMAND_API_URL", commandSide.url()), "TALLY_QUERY_API_URL", queryA.url());
            // routes as in docker-compose.yml: session ids start with g1. / g2., which nginx routes by
            gateway1 = start("gateway-1", "realtime-gateway", with(gateway, "TALLY_DATA_DIR", LOGS.resolve("gateway-1-data").toString()),
                    List.of(prefix, "--tally.gateway.route=g1"));
            gateway2 = start("gateway-2", "realtime-gateway", with(gateway, "TALLY_DATA_DIR", LOGS.resolve("gateway-2-data").toString()),
                    List.of(prefix, "--tally.gateway.route=g2"));
            for (ServiceProcess service : List.of(queryA, queryB, gateway1, gateway2)) {
                service.awaitReady();
            }
        } catch (Throwable startFailed) {
            failed = true;
            services.forEach(service -> service.printLogTail(80));
            throw startFailed;
        }
    }

    @AfterAll
    void stopEverything() {
        sockets.forEach(FeedSocket::close);
        // reverse order of starting, each one waited for (SIGTERM, then SIGKILL)
        List<ServiceProcess> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        reversed.forEach(ServiceProcess::stopQuietly);
        if (failed) {
            System.out.println("Kept database " + database + " for inspection; logs in " + LOGS);
        } else {
            dropDatabase();
        }
    }

    /**
     * Debian's nginx with the deployment's configuration in front of both gateways, and Java clients in their defaults
     * (long-polling, then the WebSocket upgrade) plus one kept to long-polling: the handshakes are balanced over the
     * gateways, and every later request of a session (polls, posts, the upgrade) must reach the gateway that holds it,
     * or the client fails with "Session ID unknown". All of them get every live update of their user.
     */
    @Test
    @Order(0)
    void defaultClientsThroughNginxStayWithTheGatewayThatHoldsTheirSession() throws Exception {
        Map<String, String> upstreams = Map.of("gateway-1:8083", "127.0.0.1:" + gateway1.port,
                "gateway-2:8083", "127.0.0.1:" + gateway2.port, "command-side:8081", "127.0.0.1:" + commandSide.port,
                "query-side:8082", "127.0.0.1:" + queryA.port);
        try (Nginx nginx = Nginx.start(ROOT.resolve("deploy/nginx/nginx.conf"), LOGS.resolve("nginx"), upstreams)) {
            User ada = register("ada-via-nginx");
            List<FeedSocket> devices = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                devices.add(FeedSocket.connect("ada-" + i + "@nginx", nginx.url(), null, ada.token, null, null));
            }
            devices.add(FeedSocket.connect("ada-polling@nginx", nginx.url(), new String[]{"polling"}, ada.token, null, null));
            sockets.addAll(devices);
            List<String> live = recordExpenses(ada, 2, "via-nginx");
            await("every device through nginx gets every live update").atMost(PATIENCE).untilAsserted(() -> {
                for (FeedSocket device : devices) {
                    assertThat(device.created()).as(device.name).containsExactlyElementsOf(live);
                    assertThat(device.connected()).as(device.name).isTrue();
                }
            });
            // the handshakes were balanced: sessions of both gateways went through, each routed by its sid
            assertThat(nginx.accessLog()).contains("sid=g1.").contains("sid=g2.");
            devices.forEach(FeedSocket::close);
        }
    }

    /**
     * A socket on each gateway; commands through the command side; every update reaches both sockets (through Redis
     * for the other gateway); gateway-1 dies and its device, reconnecting to gateway-2 with its last seq, gets exactly
     * what it missed, in order. Another user's socket sees nothing of it.
     */
    @Test
    @Order(1)
    void updatesReachSocketsOnBothGatewaysAndADeviceOfACrashedGatewayReplaysOnTheOther() throws Exception {
        User ada = register("ada");
        User bob = register("bob");
        RestApi adaReads = RestApi.of(queryB, ada.token);
        await("ada's account readable").atMost(PATIENCE).ignoreExceptions()
                .until(() -> containsId(adaReads.get("/accounts"), ada.account));
        JsonNode position = adaReads.get("/transactions"); // the feed position of that snapshot, as a client's first load
        String epoch = position.at("/feed/epoch").asText();
        long start = position.at("/feed/seq").asLong();

        FeedSocket phone = connect("ada-phone@gateway-1", gateway1, ada.token, epoch, start);
        FeedSocket laptop = connect("ada-laptop@gateway-2", gateway2, ada.token, epoch, start);
        FeedSocket bobs = connect("bob@gateway-1", gateway1, bob.token, null, null);
        assertThat(phone.firstSyncState().getBoolean("recovered")).as(phone.firstSyncState().toString()).isTrue();
        assertThat(laptop.firstSyncState().getBoolean("recovered")).as(laptop.firstSyncState().toString()).isTrue();

        List<String> live = recordExpenses(ada, 3, "live");
        String bobsOwn = recordExpenses(bob, 1, "bob").get(0);
        await("both of ada's sockets get every live update").atMost(PATIENCE).untilAsserted(() -> {
            assertThat(phone.created()).as(phone.name).containsExactlyElementsOf(live);
            assertThat(laptop.created()).as(laptop.name).containsExactlyElementsOf(live);
        });
        long head = await("ada's feed settled").atMost(PATIENCE).until(() -> lastEntry(adaReads, start), seq -> seq > start
                && seq == phone.lastSeq() && seq == laptop.lastSeq());
        assertContinuous(phone, start);
        assertContinuous(laptop, start);
        await("bob's socket gets his own expense").atMost(PATIENCE).untilAsserted(() -> assertThat(bobs.created()).containsExactly(bobsOwn));

        gateway1.kill();
        await(phone.name + " notices").atMost(PATIENCE).until(() -> !phone.connected());
        List<String> missed = recordExpenses(ada, 3, "missed");
        await("the socket on the surviving gateway keeps getting updates").atMost(PATIENCE)
                .untilAsserted(() -> assertThat(laptop.created()).containsExactlyElementsOf(concat(live, missed)));
        long newHead = await("ada's feed settled again").atMost(PATIENCE)
                .until(() -> lastEntry(adaReads, head), seq -> seq > head && seq == laptop.lastSeq());

        // the phone reconnects to the other gateway with the position it had when its gateway died
        long phoneSeq = phone.lastSeq();
        assertThat(phoneSeq).isEqualTo(head);
        FeedSocket phoneAgain = connect("ada-phone@gateway-2", gateway2, ada.token, epoch, phoneSeq);
        assertThat(phoneAgain.firstSyncState().getBoolean("recovered")).as(phoneAgain.firstSyncState().toString()).isTrue();
        assertThat(phoneAgain.firstSyncState().getLong("toSeq")).isEqualTo(newHead);
        List<FeedSocket.Received> replayed = phoneAgain.feedEvents();
        assertThat(replayed.stream().map(FeedSocket.Received::seq).toList()).as("replayed seqs, each once, in order")
                .containsExactlyElementsOf(LongStream.rangeClosed(phoneSeq + 1, newHead).boxed().toList());
        assertThat(replayed).allSatisfy(event -> assertThat(event.epoch()).isEqualTo(epoch));
        assertThat(phoneAgain.created()).as("the missed expenses").containsExactlyElementsOf(missed);
        assertThat(replayed.stream().map(FeedSocket.Received::event).toList()).as("the same entries as the feed over REST")
                .containsExactlyElementsOf(adaReads.feedSince(phoneSeq).stream().map(e -> e.get("event").asText()).toList());

        // bob's socket (on the killed gateway, it was connected until then) saw nothing of ada's
        Set<String> adas = new LinkedHashSet<>(concat(live, missed));
        adas.add(ada.account);
        assertThat(bobs.all()).as("bob's socket").noneMatch(event -> adas.stream().anyMatch(id -> event.payload().toString().contains(id)));
        assertThat(bobs.created()).containsExactly(bobsOwn);
    }

    /**
     * Query sides A and B share the segments of the projection processor; A stops (SIGTERM) in the middle of a stream
     * of expenses; B takes A's segments over, and every user's read models and feed are exact: nothing lost, nothing
     * applied twice.
     */
    @Test
    @Order(2)
    void twoQuerySidesShareTheProjectionAndOneStoppingLosesOrDoublesNothing() throws Exception {
        String ownerA = queryA.pid() + "@";
        String ownerB = queryB.pid() + "@";
        await("the segments are shared by A and B").atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            List<String> owners = segmentOwners();
            assertThat(owners).as("owners of the segments").hasSize(2);
            assertThat(owners).anyMatch(owner -> owner != null && owner.startsWith(ownerA))
                    .anyMatch(owner -> owner != null && owner.startsWith(ownerB));
        });

        List<User> users = new ArrayList<>();
        for (String name : List.of("carol", "dan", "erin", "frank")) {
            users.add(register(name));
        }
        // three rounds of expenses, each user's in parallel with the others': before A is asked to stop, while it
        // stops (SIGTERM, its batches in flight), and after it has gone
        int perRound = 5;
        int rounds = 3;
        Map<User, List<Recorded>> recorded = new HashMap<>();
        users.forEach(user -> recorded.put(user, Collections.synchronizedList(new ArrayList<>())));
        ExecutorService clients = Executors.newFixedThreadPool(users.size());
        try {
            for (int round = 0; round < rounds; round++) {
                if (round == 1) {
                    queryA.askToStop();
                }
                if (round == 2) {
                    assertThat(queryA.awaitExit(Duration.ofSeconds(60))).as("query side A stopped on SIGTERM").isTrue();
                }
                List<Future<?>> running = new ArrayList<>();
                int first = round * perRound + 1;
                for (User user : users) {
                    running.add(clients.submit(() -> {
                        for (int i = first; i < first + perRound; i++) {
                            BigDecimal amount = new BigDecimal(i + "." + String.format("%02d", users.indexOf(user) + 1));
                            recorded.get(user).add(new Recorded(record(user, amount, user.name + "-" + i), amount));
                        }
                        return null;
                    }));
                }
                for (Future<?> each : running) {
                    each.get(120, TimeUnit.SECONDS);
                }
            }
        } finally {
            clients.shutdownNow();
        }
        int perUser = perRound * rounds;

        await("B owns every segment").atMost(PATIENCE).untilAsserted(() ->
                assertThat(segmentOwners()).allMatch(owner -> owner != null && owner.startsWith(ownerB)));
        for (User user : users) {
            List<Recorded> expenses = recorded.get(user);
            assertThat(expenses).hasSize(perUser);
            RestApi reads = RestApi.of(queryB, user.token);
            BigDecimal expected = new BigDecimal("1000.00").subtract(expenses.stream().map(Recorded::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            await(user.name + "'s reads on B are complete").atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                    assertThat(balance(reads, user.account)).isEqualByComparingTo(expected));
            JsonNode page = reads.get("/transactions?limit=200");
            assertThat(StreamSupport.stream(page.get("items").spliterator(), false).map(t -> t.get("id").asText()).sorted().toList())
                    .as(user.name + "'s transactions, each once")
                    .containsExactlyElementsOf(expenses.stream().map(Recorded::id).sorted().toList());

            List<JsonNode> feed = reads.feedSince(0);
            assertThat(feed.stream().map(e -> e.get("seq").asLong()).toList()).as(user.name + "'s feed seqs: gapless, no duplicates")
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, feed.size()).boxed().toList());
            assertThat(feed.stream().filter(e -> e.get("event").asText().equals("expense:created"))
                    .map(e -> e.at("/payload/id").asText()).sorted().toList())
                    .as(user.name + "'s expense:created entries, one per expense")
                    .containsExactlyElementsOf(expenses.stream().map(Recorded::id).sorted().toList());
            assertThat(feed.stream().filter(e -> e.get("event").asText().equals("balance:updated")
                            && expenses.stream().anyMatch(x -> x.id.equals(e.at("/payload/transactionId").asText()))).count())
                    .as(user.name + "'s balance:updated entries, one per expense").isEqualTo(perUser);
            assertThat(new BigDecimal(feed.stream().filter(e -> e.get("event").asText().equals("balance:updated"))
                    .max(Comparator.comparingLong(e -> e.get("seq").asLong())).orElseThrow().at("/payload/balance/amount").asText()))
                    .as(user.name + "'s last pushed balance").isEqualByComparingTo(expected);
        }
    }

    // --- the users' side ---

    private record User(String name, String token, String account) {
    }

    private record Recorded(String id, BigDecimal amount) {
    }

    /** Registers and signs in through the command side, and opens an account with 1000.00. */
    private User register(String name) throws Exception {
        String email = name + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.com";
        RestApi.of(commandSide, null).post("/auth/register", """
                {"email":"%s","password":"%s","displayName":"%s","timeZone":"Europe/London"}""".formatted(email, PASSWORD, name));
        JsonNode signedIn = RestApi.of(commandSide, null).post("/auth/login", """
                {"email":"%s","password":"%s"}""".formatted(email, PASSWORD));
        String token = signedIn.get("accessToken").asText();
        String account = RestApi.of(commandSide, token).post("/accounts", """
                {"name":"Current account","type":"BANK","currency":"EUR","openingBalance":"1000.00"}""").get("id").asText();
        return new User(name, token, account);
    }

    private List<String> recordExpenses(User user, int count, String label) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(record(user, new BigDecimal(i + ".50"), label + "-" + i));
        }
        return ids;
    }

    private String record(User user, BigDecimal amount, String description) throws Exception {
        return RestApi.of(commandSide, user.token).post("/transactions", """
                {"type":"EXPENSE","accountId":"%s","amount":"%s","description":"%s"}""".formatted(user.account, amount.toPlainString(), description))
                .get("id").asText();
    }

    private FeedSocket connect(String name, ServiceProcess gateway, String token, String epoch, Long lastSeq) throws InterruptedException {
        FeedSocket socket = FeedSocket.connect(name, gateway, token, epoch, lastSeq);
        sockets.add(socket);
        return socket;
    }

    /** The seq of the user's last feed entry after {@code since} (or {@code since} when there is none). */
    private static long lastEntry(RestApi reads, long since) throws Exception {
        List<JsonNode> entries = reads.feedSince(since);
        return entries.isEmpty() ? since : entries.get(entries.size() - 1).get("seq").asLong();
    }

    /** Every seq after {@code start} arrived once, in order; a coalesced event also stands for the seqs it replaces. */
    private static void assertContinuous(FeedSocket socket, long start) {
        List<Long> seqs = socket.feedEvents().stream().map(FeedSocket.Received::seq).toList();
        assertThat(seqs).as(socket.name + ": in order, no duplicates").isSorted().doesNotHaveDuplicates();
        Set<Long> covered = new LinkedHashSet<>(seqs);
        socket.feedEvents().forEach(event -> covered.addAll(event.replaces()));
        assertThat(covered).as(socket.name + ": no gap in " + socket.feedEvents().stream()
                .map(event -> event + (event.replaces().isEmpty() ? "" : " replaces " + event.replaces())).toList())
                .containsAll(LongStream.rangeClosed(start + 1, socket.lastSeq()).boxed().toList());
    }

    private static BigDecimal balance(RestApi reads, String account) throws Exception {
        JsonNode found = StreamSupport.stream(reads.get("/accounts").spliterator(), false)
                .filter(a -> a.get("id").asText().equals(account)).findFirst().orElseThrow();
        return new BigDecimal(found.at("/balance/amount").asText());
    }

    private static boolean containsId(JsonNode array, String id) {
        return StreamSupport.stream(array.spliterator(), false).anyMatch(node -> id.equals(node.path("id").asText()));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> both = new ArrayList<>(first);
        both.addAll(second);
        return both;
    }

    // --- the machinery ---

    private ServiceProcess start(String name, String module, Map<String, String> env, List<String> args) throws IOException {
        ServiceProcess service = ServiceProcess.start(name, ServiceProcess.execJar(ROOT, module), LOGS, env, args);
        services.add(service); // stopped afterwards even when it never gets ready
        return service;
    }

    /** The owner of each segment of the projection processor in the token store (null: unclaimed). */
    private List<String> segmentOwners() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), PG_USER, "");
             var query = connection.prepareStatement("SELECT owner FROM token_entry WHERE processor_name = ? ORDER BY segment")) {
            query.setString(1, PROCESSOR);
            List<String> owners = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    owners.add(rows.getString(1));
                }
            }
            return owners;
        }
    }

    private void freshDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), PG_USER, "");
             var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        }
    }

    private void dropDatabase() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), PG_USER, "");
             var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.out.println("Could not drop " + database + ": " + e);
        }
    }

    private static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + PG_HOST + "/" + database;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new HashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(each);
            }
        }
    }
}
