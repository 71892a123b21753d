package dev.tally.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static dev.tally.standalone.Api.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The newcomer path: the built standalone jar, started as a newcomer starts it (a fresh data folder, embedded H2,
 * nothing else running), walked through the README's "Five minutes with it" over real HTTP and a real socket, then
 * restarted on the same data folder.
 */
class NewcomerPathIT {

    /** Each run's output, kept for inspection and printed when the test fails. */
    private static final Path LOGS = Standalone.LOGS.resolve("newcomer");
    private static final String EMAIL = "ada@example.com";
    private static final String PASSWORD = "correct horse battery staple";

    private final List<Standalone> started = new ArrayList<>();
    @TempDir
    Path data;
    private Socket socket;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            started.forEach(Standalone::printLog);
        }
    };

    @AfterEach
    void stopEverything() {
        if (socket != null) {
            socket.close();
        }
        started.forEach(Standalone::kill);
    }

    @Test
    void theReadmeScenarioWorksAsWrittenAndSurvivesARestart() throws Exception {
        Standalone first = start();

        // register, then sign in
        String token = register(first);
        Api api = new Api(first.base(), token);

        // open an account, find the Groceries category, set a monthly budget
        String account = api.post("/accounts", Map.of(), """
                {"name":"Current account","type":"BANK","currency":"GBP","openingBalance":"1200.00"}""").get("id").asText();
        String groceries = await().atMost(Duration.ofSeconds(30)).until(() -> categoryId(api, "Groceries"), id -> id != null);
        api.post("/budgets", Map.of(), """
                {"name":"Food","categoryId":"%s","period":"MONTHLY","limit":"100.00","currency":"GBP"}""".formatted(groceries));

        // record an expense (safe to retry with the same Idempotency-Key), then amend it at the version you hold
        String recordBody = """
                {"type":"EXPENSE","accountId":"%s","amount":"62.10","categoryId":"%s","description":"Weekly shop"}"""
                .formatted(account, groceries);
        String expense = api.post("/transactions", Map.of("Idempotency-Key", "receipt-0001"), recordBody).get("id").asText();
        assertThat(api.post("/transactions", Map.of("Idempotency-Key", "receipt-0001"), recordBody).get("id").asText())
                .as("the retry answers the same transaction").isEqualTo(expense);
        api.patch("/transactions/" + expense, Map.of("If-Match", "\"0\""), """
                {"amount":"64.10"}""");

        // read it back: balances, the month's dashboard, the budget (64 % spent: the 50 % alert is in the inbox)
        readsShowTheAmendedExpense(api, account, expense);

        // live updates: a socket records an expense and sees it pushed back, then the balance
        String coffee = recordOverTheSocket(first, token, account);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(balanceOf(api, account)).isEqualTo("1132.70"));

        // the data folder keeps everything across a restart, and a graceful stop closes the database after the
        // processors, not under them
        first.stop();
        assertThat(Files.readString(first.log())).as("the first run's log").doesNotContain(" ERROR ");
        Standalone second = start();
        Api again = new Api(second.base(), logIn(second));
        assertThat(balanceOf(again, account)).isEqualTo("1132.70");
        assertThat(eventTypes(again, coffee)).containsExactly("TransactionRecorded");
        // stopped seconds after its start, while its processors are busiest: still no error
        second.stop();
        assertThat(Files.readString(second.log())).as("the second run's log").doesNotContain(" ERROR ");
    }

    private void readsShowTheAmendedExpense(Api api, String account, String expense) {
        String month = YearMonth.now(ZoneId.of("Europe/London")).toString();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            assertThat(balanceOf(api, account)).as("1200.00 - 64.10").isEqualTo("1135.90");
            JsonNode gbp = find(api.get("/dashboard?month=" + month).get("totals"), "currency", "GBP");
            assertThat(gbp.at("/expense/amount").asText()).isEqualTo("64.10");
            JsonNode food = find(api.get("/budgets"), "name", "Food");
            assertThat(food.at("/current/spent/amount").asText()).isEqualTo("64.10");
            assertThat(food.at("/current/percent").asInt()).isEqualTo(64);
            JsonNode alert = find(api.get("/notifications").get("items"), "type", "budget_threshold");
            assertThat(alert.at("/data/level").asInt()).isEqualTo(50);
            assertThat(eventTypes(api, expense)).containsExactly("TransactionRecorded", "TransactionAmended");
        });
    }

    /** The README's socket.io-client snippet, with the Java client: emit expense:create with an ack. */
    private String recordOverTheSocket(Standalone standalone, String token, String account) throws Exception {
        IO.Options options = IO.Options.builder().setTransports(new String[]{"websocket"}).setReconnection(false)
                .setAuth(Map.of("token", token)).build();
        socket = IO.socket(URI.create("http://localhost:" + standalone.port()), options);
        List<Pushed> pushed = new CopyOnWriteArrayList<>();
        BlockingQueue<Object> syncStates = new LinkedBlockingQueue<>();
        socket.on("expense:created", args -> pushed.add(new Pushed("expense:created", (JSONObject) args[0])));
        socket.on("balance:updated", args -> pushed.add(new Pushed("balance:updated", (JSONObject) args[0])));
        socket.on("sync:state", args -> syncStates.add(args[0]));
        socket.connect();
        assertThat(syncStates.poll(30, TimeUnit.SECONDS)).as("connected and sync:state received").isNotNull();

        BlockingQueue<JSONObject> acks = new LinkedBlockingQueue<>();
        JSONObject command = new JSONObject().put("accountId", account).put("amount", "3.20")
                .put("description", "Coffee").put("clientRequestId", "c-1");
        socket.emit("expense:create", new Object[]{command}, (Ack) args -> acks.add((JSONObject) args[0]));
        JSONObject ack = acks.poll(30, TimeUnit.SECONDS);
        assertThat(ack).as("the ack").isNotNull();
        assertThat(ack.getBoolean("ok")).as(ack.toString()).isTrue();
        String id = ack.getString("id");

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            Pushed created = pushed.stream().filter(p -> p.event.equals("expense:created") && p.payload.optString("id").equals(id))
                    .findFirst().orElseThrow(() -> new AssertionError("no expense:created for " + id + " in " + pushed));
            assertThat(created.payload.getString("description")).isEqualTo("Coffee");
            assertThat(created.seq()).as("_meta.seq").isPositive();
            Pushed balance = pushed.stream().filter(p -> p.event.equals("balance:updated") && p.payload.optString("transactionId").equals(id))
                    .findFirst().orElseThrow(() -> new AssertionError("no balance:updated for " + id + " in " + pushed));
            assertThat(balance.payload.getString("accountId")).isEqualTo(account);
            assertThat(balance.seq()).as("balance:updated comes after expense:created").isGreaterThan(created.seq());
            assertThat(pushed.indexOf(balance)).isGreaterThan(pushed.indexOf(created));
        });
        return id;
    }

    private record Pushed(String event, JSONObject payload) {
        long seq() {
            JSONObject meta = payload.optJSONObject("_meta");
            return meta == null ? -1 : meta.optLong("seq", -1);
        }
    }

    /** As the README does it: register (202, no tokens), then sign in. */
    private String register(Standalone standalone) throws Exception {
        JsonNode registered = new Api(standalone.base(), null).post("/auth/register", Map.of(), """
                {"email":"%s","password":"%s","displayName":"Ada","timeZone":"Europe/London"}""".formatted(EMAIL, PASSWORD));
        assertThat(registered.path("accessToken").isMissingNode()).isTrue();
        return logIn(standalone);
    }

    private String logIn(Standalone standalone) throws Exception {
        JsonNode signedIn = new Api(standalone.base(), null).post("/auth/login", Map.of(), """
                {"email":"%s","password":"%s"}""".formatted(EMAIL, PASSWORD));
        return signedIn.get("accessToken").asText();
    }

    private static String categoryId(Api api, String name) throws Exception {
        JsonNode category = find(api.get("/categories"), "name", name);
        return category == null ? null : category.get("id").asText();
    }

    private static String balanceOf(Api api, String account) throws Exception {
        JsonNode found = find(api.get("/accounts"), "id", account);
        assertThat(found).as("account " + account).isNotNull();
        assertThat(found.at("/balance/currency").asText()).isEqualTo("GBP");
        return found.at("/balance/amount").asText();
    }

    private static List<String> eventTypes(Api api, String transaction) throws Exception {
        return StreamSupport.stream(api.get("/audit/transaction/" + transaction + "/events").get("items").spliterator(), false)
                .map(event -> event.get("type").asText()).toList();
    }

    private Standalone start() throws Exception {
        Standalone standalone = Standalone.launch(data, LOGS.resolve("run-" + started.size() + ".log"));
        started.add(standalone); // killed afterwards even when it never gets ready
        standalone.awaitReady();
        return standalone;
    }
}
