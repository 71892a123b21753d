package dev.tally.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.tally.platform.test.PostgresTestDatabase;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import jakarta.mail.internet.MimeMessage;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16's scenario end to end in one JVM on PostgreSQL, over real HTTP, a real SMTP server and a real socket: three
 * people form a group by mailed invitations, share expenses in it, settle up, and one of them leaves the group and
 * then Tally, erasing her account: nothing she wrote is readable afterwards, in the database or the logs.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tally.schema.clean-on-start=true", "tally.command.shed.lag-above=PT1M"})
class GroupScenarioTest {

    private static final String PASSWORD = "correct horse battery staple";
    /** What Carol writes: after she erased her account it is nowhere to be read, nor in the logs. */
    private static final String MARKER = "Zq" + UUID.randomUUID().toString().substring(0, 8);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    static {
        MAIL.start();
    }

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws Exception {
        registry.add("tally.data-dir", Files.createTempDirectory("tally-group-scenario")::toString);
        registry.add("spring.datasource.url", () -> PostgresTestDatabase.url(System.getProperty("tally.test.db", "tally_standalone_test")));
        registry.add("spring.datasource.username", PostgresTestDatabase::user);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> MAIL.getSmtp().getPort());
    }

    @AfterAll
    static void stopMail() {
        MAIL.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private record Person(String id, String email, String token) {
    }

    private JsonNode call(HttpMethod method, String path, String token, Object body) {
        var spec = RestClient.create("http://localhost:" + port).method(method).uri("/api/v1" + path);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            JsonNode json = bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
            assertThat(response.getStatusCode().is2xxSuccessful()).as(method + " " + path + " → " + response.getStatusCode() + " " + json).isTrue();
            return json;
        });
    }

    private int status(HttpMethod method, String path, String token) {
        return RestClient.create("http://localhost:" + port).method(method).uri("/api/v1" + path).header("Authorization", "Bearer " + token)
                .exchange((request, response) -> response.getStatusCode().value());
    }

    /** A request that may be refused: its status. */
    private int status(HttpMethod method, String path, String token, Object body) {
        var spec = RestClient.create("http://localhost:" + port).method(method).uri("/api/v1" + path).contentType(MediaType.APPLICATION_JSON).body(body);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.exchange((request, response) -> response.getStatusCode().value());
    }

    private Person signUp(String name) {
        return signUp(name, name);
    }

    private Person signUp(String name, String displayName) {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        call(HttpMethod.POST, "/auth/register", null, Map.of("email", email, "password", PASSWORD, "displayName", displayName));
        JsonNode signedIn = call(HttpMethod.POST, "/auth/login", null, Map.of("email", email, "password", PASSWORD));
        return new Person(signedIn.path("user").path("id").asText(), email, signedIn.path("accessToken").asText());
    }

    /** The token of the newest invitation link mailed to {@code email}. */
    private static String invitationToken(String email) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (MimeMessage message : MAIL.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email) && message.getSubject().contains("invited you")) {
                    Matcher m = Pattern.compile("#join-group=([A-Za-z0-9_-]+)").matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            return null;
        }, token -> token != null);
    }

    private String sharedExpense(Person payer, String groupId, String amount, Person... with) {
        String account = call(HttpMethod.POST, "/accounts", payer.token(), Map.of("name", "Card", "type", "CARD", "currency", "EUR")).path("id").asText();
        String expense = call(HttpMethod.POST, "/transactions", payer.token(),
                Map.of("type", "EXPENSE", "accountId", account, "amount", amount, "description", "Chalet")).path("id").asText();
        List<Map<String, String>> participants = new ArrayList<>(List.of(Map.of("userId", payer.id())));
        for (Person person : with) {
            participants.add(Map.of("userId", person.id()));
        }
        call(HttpMethod.PUT, "/transactions/" + expense + "/split", payer.token(),
                Map.of("method", "EQUAL", "participants", participants, "groupId", groupId));
        return expense;
    }

    private static String balance(JsonNode group, Person person) {
        for (JsonNode b : group.path("balances")) {
            if (b.path("userId").asText().equals(person.id())) {
                return b.path("amount").path("amount").asText();
            }
        }
        return "none";
    }

    @Test
    void threePeopleShareATripSettleUpAndOneLeaves(CapturedOutput output) throws Exception {
        Person alice = signUp("Alice");
        Person bob = signUp("Bob");
        String carolsName = "Carol " + MARKER;
        Person carol = signUp("Carol", carolsName);

        // a group, by mailed invitations
        String trip = call(HttpMethod.POST, "/groups", alice.token(), Map.of("name", "Ski trip")).path("id").asText();
        call(HttpMethod.POST, "/groups/" + trip + "/invitations", alice.token(), Map.of("email", bob.email()));
        call(HttpMethod.POST, "/groups/" + trip + "/invitations", alice.token(), Map.of("email", carol.email()));
        call(HttpMethod.POST, "/groups/invitations/accept", bob.token(), Map.of("token", invitationToken(bob.email())));
        call(HttpMethod.POST, "/groups/invitations/accept", carol.token(), Map.of("token", invitationToken(carol.email())));

        // Carol watches the group live, in its room and through her feed
        BlockingQueue<JSONObject> carolsGroupUpdates = new LinkedBlockingQueue<>();
        BlockingQueue<JSONObject> carolsRemovals = new LinkedBlockingQueue<>();
        Socket socket = IO.socket(URI.create("http://localhost:" + port), IO.Options.builder().setTransports(new String[]{"websocket"})
                .setAuth(Map.of("token", carol.token())).build());
        socket.on("group:updated", args -> carolsGroupUpdates.add((JSONObject) args[0]));
        socket.on("group:removed", args -> carolsRemovals.add((JSONObject) args[0]));
        CompletableFuture<Object> connected = new CompletableFuture<>();
        socket.once(Socket.EVENT_CONNECT, args -> connected.complete(true));
        socket.connect();
        try {
            connected.get(20, TimeUnit.SECONDS);
            CompletableFuture<JSONObject> joined = new CompletableFuture<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                CompletableFuture<JSONObject> ack = new CompletableFuture<>();
                socket.emit("room:join", new JSONObject(Map.of("room", "group:" + trip)), (Ack) args -> ack.complete((JSONObject) args[0]));
                JSONObject answer = ack.get(10, TimeUnit.SECONDS);
                if (answer.optBoolean("ok")) {
                    joined.complete(answer);
                }
                return answer.optBoolean("ok"); // the membership reaches the read side a moment after the join
            });
            assertThat(joined.get().getString("room")).isEqualTo("group:" + trip);

            // expenses in the group
            String carolsNote = sharedExpense(alice, trip, "300.00", bob, carol);
            sharedExpense(bob, trip, "60.00", alice, carol);
            JsonNode group = await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/groups/" + trip, alice.token(), null),
                    g -> balance(g, carol).equals("-120.00") && balance(g, bob).equals("-60.00"));
            assertThat(balance(group, alice)).isEqualTo("180.00");
            assertThat(group.path("settleUp")).extracting(t -> t.path("fromName").asText() + "->" + t.path("toName").asText() + " "
                    + t.path("amount").path("amount").asText()).containsExactly(carolsName + "->Alice 120.00", "Bob->Alice 60.00");
            JSONObject pushed = await().atMost(Duration.ofSeconds(30)).until(() -> carolsGroupUpdates.poll(1, TimeUnit.SECONDS),
                    update -> update != null && update.optJSONArray("settleUp") != null && update.optJSONArray("settleUp").length() == 2);
            assertThat(pushed.getString("id")).isEqualTo(trip);

            // settling up: Bob in full, Carol in two parts
            call(HttpMethod.POST, "/payments", bob.token(), Map.of("payeeId", alice.id(), "amount", "60.00", "currency", "EUR", "groupId", trip));
            call(HttpMethod.POST, "/payments", carol.token(), Map.of("payeeId", alice.id(), "amount", "100.00", "currency", "EUR", "groupId", trip));
            call(HttpMethod.POST, "/payments", carol.token(), Map.of("payeeId", alice.id(), "amount", "20.00", "currency", "EUR", "groupId", trip));
            group = await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/groups/" + trip, bob.token(), null),
                    g -> g.path("settleUp").isEmpty());
            assertThat(List.of(balance(group, alice), balance(group, bob), balance(group, carol))).containsOnly("0.00");
            assertThat(call(HttpMethod.GET, "/payments", alice.token(), null)).hasSize(3);

            // the rest of what a person does, each path with her words in it, so the log check below covers them all
            String purse = call(HttpMethod.POST, "/accounts", carol.token(), Map.of("name", "Purse " + MARKER, "type", "CASH", "currency", "EUR"))
                    .path("id").asText();
            String cats = call(HttpMethod.POST, "/categories", carol.token(), Map.of("name", "Cats " + MARKER, "kind", "EXPENSE")).path("id").asText();
            call(HttpMethod.POST, "/transactions", carol.token(), Map.of("type", "EXPENSE", "accountId", purse, "amount", "4.20", "categoryId", cats,
                    "description", "Cat food " + MARKER, "merchant", "Pet shop " + MARKER, "tags", List.of("tag" + MARKER)));
            call(HttpMethod.POST, "/budgets", carol.token(), Map.of("name", "Cat budget " + MARKER, "categoryId", cats, "period", "MONTHLY",
                    "limit", "50.00", "currency", "EUR", "alertLevels", List.of(50, 80, 100), "timeZone", "Europe/Berlin"));
            call(HttpMethod.POST, "/imports", carol.token(), Map.of("accountId", purse, "format", "CSV", "fileName", "statement-" + MARKER + ".csv",
                    "content", "date,amount,description\n2026-11-02,-3.00,Milk " + MARKER + "\n2026-11-03,0,Nothing " + MARKER + "\n",
                    "mapping", Map.of("date", "date", "amount", "amount", "description", "description"), "saveProfileAs", "Bank " + MARKER));
            assertThat(status(HttpMethod.POST, "/transactions", carol.token(), Map.of("type", "EXPENSE", "accountId", purse, "amount", "lots",
                    "description", "Refused " + MARKER))).isIn(400, 422);
            String club = call(HttpMethod.POST, "/groups", carol.token(), Map.of("name", "Club " + MARKER)).path("id").asText();
            call(HttpMethod.POST, "/groups/" + club + "/invitations", carol.token(), Map.of("email", "friend-" + MARKER + "@example.com"));
            String owed = call(HttpMethod.POST, "/payments", bob.token(), Map.of("payeeId", carol.id(), "amount", "1.00", "currency", "EUR",
                    "groupId", trip, "note", "Coffee")).path("id").asText();
            call(HttpMethod.POST, "/payments/" + owed + "/dispute", carol.token(), Map.of("reason", "Never got it " + MARKER));
            assertThat(status(HttpMethod.POST, "/auth/login", null, Map.of("email", carol.email(), "password", "not " + MARKER))).isEqualTo(401);
            assertThat(status(HttpMethod.POST, "/auth/password-reset", null, Map.of("email", carol.email()))).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/payments", carol.token(), null).toString()
                    .contains("Never got it " + MARKER));

            // Carol leaves: the group is gone for her, and stays for the others with her name and her (settled) share
            call(HttpMethod.POST, "/groups/" + trip + "/leave", carol.token(), null);
            JSONObject removed = carolsRemovals.poll(30, TimeUnit.SECONDS);
            assertThat(removed).isNotNull();
            assertThat(removed.getString("reason")).isEqualTo("left");
            assertThat(status(HttpMethod.GET, "/groups/" + trip, carol.token())).isEqualTo(404);
            JsonNode after = await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/groups/" + trip, alice.token(), null),
                    g -> g.path("members").toString().contains("\"left\""));
            assertThat(after.path("members")).extracting(m -> m.path("displayName").asText() + ":" + m.path("status").asText())
                    .containsExactlyInAnyOrder("Alice:member", "Bob:member", carolsName + ":left");

            // Carol then leaves Tally: she takes her data out first, then erases her account
            call(HttpMethod.POST, "/transactions/" + carolsNote + "/comments", carol.token(), Map.of("text", "Thanks for the chalet " + MARKER));
            await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/transactions/" + carolsNote, alice.token(), null)
                    .toString().contains(MARKER));
            assertThat(status(HttpMethod.GET, "/export/personal", carol.token())).isEqualTo(200);
            CompletableFuture<Object> kicked = new CompletableFuture<>();
            socket.on(Socket.EVENT_DISCONNECT, args -> kicked.complete(true));
            call(HttpMethod.DELETE, "/me", carol.token(), Map.of("currentPassword", PASSWORD));

            kicked.get(30, TimeUnit.SECONDS);
            assertThat(status(HttpMethod.GET, "/groups", carol.token())).isEqualTo(401);
            JsonNode gone = await().atMost(Duration.ofSeconds(30)).until(() -> call(HttpMethod.GET, "/groups/" + trip, alice.token(), null),
                    g -> g.path("members").toString().contains("deleted user"));
            assertThat(gone.path("members")).extracting(m -> m.path("displayName").asText() + ":" + m.path("status").asText())
                    .containsExactlyInAnyOrder("Alice:member", "Bob:member", "deleted user:left");
            JsonNode chalet = call(HttpMethod.GET, "/transactions/" + carolsNote, alice.token(), null);
            assertThat(chalet.toString()).contains("deleted user", "(erased)").doesNotContain("Carol", MARKER);
            assertThat(call(HttpMethod.GET, "/payments", alice.token(), null).toString()).contains("deleted user").doesNotContain("Carol");
            // the audit trail of the shared expense still answers, without her words
            assertThat(call(HttpMethod.GET, "/audit/transaction/" + carolsNote + "/events?limit=50", alice.token(), null).toString())
                    .contains("(erased)").doesNotContain(MARKER);
            assertThat(readable(MARKER)).isEmpty();
            assertThat(readable(carol.email())).isEmpty();
            assertThat(readable(MARKER.toLowerCase())).as("as an address is stored, in lower case").isEmpty();
            // the application's log (the test's own SMTP server, GreenMail, logs the addresses it receives for: not ours):
            // her name, email and words in any line of the whole run's log, from the context's start to after her
            // erasure, in any case (addresses are logged normalised, if at all)
            assertThat(output.getAll()).as("the capture spans the run").contains("Started GroupScenarioTest", "Sent a password reset mail",
                    "Erased user " + carol.id());
            assertThat(output.getAll().lines().filter(line -> !line.contains("icegreen")).map(String::toLowerCase))
                    .noneMatch(line -> line.contains(MARKER.toLowerCase()) || line.contains(carol.email()));
        } finally {
            socket.close();
        }
    }

    /** Where the text can still be read in the database: every table's rows as text, stored events and snapshots as JSON. */
    private List<String> readable(String text) {
        List<String> found = new ArrayList<>();
        for (Map<String, Object> table : jdbc.queryForList("SELECT table_schema, table_name FROM information_schema.tables "
                + "WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'")) {
            String name = table.get("table_schema") + "." + table.get("table_name");
            String query = switch ((String) table.get("table_name")) {
                case "domain_event_entry", "snapshot_event_entry", "dead_letter_entry" ->
                        "SELECT convert_from(payload, 'UTF8') || COALESCE(convert_from(meta_data, 'UTF8'), '') FROM " + name;
                default -> "SELECT CAST(t AS TEXT) FROM " + name + " t";
            };
            jdbc.queryForList(query, String.class).stream().filter(row -> row != null && row.contains(text))
                    .forEach(row -> found.add(name + ": " + row));
        }
        return found;
    }
}
