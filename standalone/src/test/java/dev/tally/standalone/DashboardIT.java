package dev.tally.standalone;

import dev.tally.platform.test.MachineRequirement;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import org.openqa.selenium.By;
import org.openqa.selenium.support.pagefactory.ByChained;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.tally.standalone.Api.find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard page at {@code /} of the built standalone jar, in headless Chromium: signing in through the form,
 * the snapshot, changes recorded on another device appearing live, a change missed while disconnected appearing after
 * the reconnect, and nothing of anyone else's. The page is only ever loaded once per test: every later change on it
 * came over the socket. The page's socket.io client runs in its defaults: long-polling, then the WebSocket upgrade
 * ({@link DashboardOverPollingIT} runs the same with every WebSocket blocked, as behind a proxy that refuses them).
 */
@EnabledIf(value = "dev.tally.standalone.DashboardIT#browserFoundOrCi",
        disabledReason = "needs Chromium or Chrome and chromedriver; install with: apt-get install -y chromium chromium-driver")
class DashboardIT {

    /** The browser and its driver: {@code -Dtally.chromium} / {@code -Dtally.chromedriver}, else the first found on the machine. */
    private static final Path CHROMIUM = found("tally.chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable");
    private static final Path CHROMEDRIVER = found("tally.chromedriver", "chromedriver");
    private static final Path LOGS = Standalone.LOGS.resolve("dashboard");
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Where the jar sends its mails (group invitations): a real SMTP server in the test JVM. */
    private static final GreenMail MAIL = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    static Path data;
    private static Standalone standalone;
    private WebDriver browser;
    private Path browserLog;

    @RegisterExtension
    final TestWatcher printLogsOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (standalone != null) {
                standalone.printLog();
            }
            try {
                System.out.println("----- browser console " + browserLog + " -----");
                System.out.println(Files.readString(browserLog));
            } catch (Exception e) {
                System.out.println("no browser console: " + e);
            }
        }
    };

    @BeforeAll
    static void startTheJar() throws Exception {
        // CI installs them (.ci/run), and under CI=true a missing browser fails the build rather than skip the page's only test
        MachineRequirement.require(CHROMIUM != null && CHROMEDRIVER != null, "Chromium or Chrome and chromedriver (for the dashboard test)",
                "apt-get install -y chromium chromium-driver");
        MAIL.start();
        standalone = Standalone.launch(data, LOGS.resolve("standalone.log"),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + MAIL.getSmtp().getPort());
        standalone.awaitReady();
    }

    /** Without a browser the tests are skipped, except under {@code CI=true}, where {@link #startTheJar} fails on it. */
    static boolean browserFoundOrCi() {
        return MachineRequirement.presentOrCi(CHROMIUM != null && CHROMEDRIVER != null);
    }

    private static Path found(String property, String... names) {
        String configured = System.getProperty(property);
        if (configured != null) {
            return Files.isExecutable(Path.of(configured)) ? Path.of(configured) : null;
        }
        List<String> dirs = new java.util.ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        dirs.add("/usr/bin");
        for (String name : names) {
            for (String dir : dirs) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    @AfterAll
    static void stopTheJar() {
        if (standalone != null) {
            standalone.kill();
        }
        MAIL.stop();
    }

    @BeforeEach
    void openChromium(TestInfo test) throws Exception {
        Files.createDirectories(LOGS);
        browserLog = LOGS.resolve(test.getTestMethod().orElseThrow().getName() + ".console.log");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1024");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(Files.newOutputStream(LOGS.resolve("chromedriver.log"))).build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        browser = chrome;
        if (webSocketsBlocked()) {
            // as behind a proxy that refuses WebSocket: every one fails as a refused handshake does (error, then close
            // 1006), before the page's scripts run; DevTools' request blocking does not reach WebSockets
            chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", REFUSED_WEBSOCKET));
        }
    }

    private static final String REFUSED_WEBSOCKET = """
            window.WebSocket = class RefusedWebSocket extends EventTarget {
              static CONNECTING = 0; static OPEN = 1; static CLOSING = 2; static CLOSED = 3;
              constructor(url) {
                super();
                this.url = url; this.readyState = 0; this.binaryType = "blob";
                setTimeout(() => {
                  this.readyState = 3;
                  const error = new Event("error");
                  this.onerror?.(error); this.dispatchEvent(error);
                  const close = new CloseEvent("close", { code: 1006, wasClean: false });
                  this.onclose?.(close); this.dispatchEvent(close);
                }, 0);
              }
              send() { throw new DOMException("not open", "InvalidStateError"); }
              close() { }
            };""";

    /** Overridden by {@link DashboardOverPollingIT}. */
    boolean webSocketsBlocked() {
        return false;
    }

    /** The transport the page's socket settles on: the WebSocket after the upgrade, or long-polling when it is blocked. */
    private void awaitTransport() {
        String expected = webSocketsBlocked() ? "polling" : "websocket";
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(script("return tally.socket.io.engine.transport.name;"))
                .as("transport").isEqualTo(expected));
    }

    @AfterEach
    void closeChromium() throws Exception {
        if (browser != null) {
            try {
                List<String> console = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .map(LogEntry::toString).toList();
                Files.write(browserLog, console);
                // what the page looked like at the end, for whoever reads a failure
                Files.write(LOGS.resolve(browserLog.getFileName().toString().replace(".console.log", ".png")),
                        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void showsAnotherDevicesExpensesLiveAndWhatItMissedAfterAReconnect() throws Exception {
        Person ada = register("Ada");
        String account = ada.api.post("/accounts", Map.of(), """
                {"name":"Current account","type":"BANK","currency":"GBP","openingBalance":"1200.00"}""").get("id").asText();
        String groceries = ada.category("Groceries");
        String diningOut = ada.category("Dining out");
        String food = ada.api.post("/budgets", Map.of(), """
                {"name":"Food","categoryId":"%s","period":"MONTHLY","limit":"100.00","currency":"GBP"}""".formatted(groceries))
                .get("id").asText();
        ada.spend(account, "20.00", groceries, "Market");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(find(ada.api.get("/budgets"), "id", food).at("/current/spent/amount").asText()).isEqualTo("20.00"));

        signIn(ada);
        awaitConnection("connected");
        awaitTransport();
        awaitText(accountBalance(account), "1180.00 GBP");
        awaitText(budgetSpent(food), "20.00 GBP of 100.00 GBP");
        awaitText(bar(groceries), "20.00 GBP");
        assertThat(browser.findElements(By.cssSelector("#spending-chart g.bar"))).as("one category spent on").hasSize(1);
        markThePage(); // a reload would lose the mark: whatever changes from here came over the socket

        // another device records an expense in a category not spent on yet: a new bar, a new balance
        ada.spend(account, "12.50", diningOut, "Lunch");
        awaitText(bar(diningOut), "12.50 GBP");
        awaitText(accountBalance(account), "1167.50 GBP");
        awaitText(bar(groceries), "20.00 GBP");
        awaitText(budgetSpent(food), "20.00 GBP of 100.00 GBP");

        // the connection drops; the client's back-off is made long so it stays down until we reconnect by hand
        script("""
                const manager = tally.socket.io;
                manager.reconnectionDelay(600000).reconnectionDelayMax(600000).randomizationFactor(0);
                manager.engine.close();""");
        awaitConnection("reconnecting");
        assertThat(browser.findElement(By.id("reconnect")).isDisplayed()).as("Reconnect now is offered").isTrue();

        // meanwhile another device records one more: everything is in the read models and the feed ...
        ada.spend(account, "30.00", groceries, "Weekly shop");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
            assertThat(find(ada.api.get("/accounts"), "id", account).at("/balance/amount").asText()).isEqualTo("1137.50");
            assertThat(find(ada.api.get("/budgets"), "id", food).at("/current/spent/amount").asText()).isEqualTo("50.00");
            assertThat(find(ada.api.get("/notifications").get("items"), "title", "50% of Food reached")).isNotNull();
        });
        // ... but not on the page, which is not connected
        assertThat(text(accountBalance(account))).isEqualTo("1167.50 GBP");
        assertThat(text(bar(groceries))).isEqualTo("20.00 GBP");
        assertThat(connectionState()).isEqualTo("reconnecting");

        // after the reconnect the gateway replays what the page missed
        browser.findElement(By.id("reconnect")).click();
        awaitConnection("connected");
        awaitText(accountBalance(account), "1137.50 GBP");
        awaitText(bar(groceries), "50.00 GBP");
        awaitText(budgetSpent(food), "50.00 GBP of 100.00 GBP");
        awaitText(By.cssSelector("#budgets li[data-budget-id='" + food + "'] .percent"), "50 %");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(text(By.id("activity")))
                .contains("Weekly shop").contains("50% of Food reached"));
        assertThat(pageWasNotReloaded()).as("the page was updated in place, never reloaded").isTrue();
    }

    @Test
    void showsNothingOfAnotherUsersSpending() throws Exception {
        Person grace = register("Grace");
        Person mallory = register("Mallory");
        String gracesAccount = grace.api.post("/accounts", Map.of(), """
                {"name":"Grace's purse","type":"CASH","currency":"EUR","openingBalance":"500.00"}""").get("id").asText();
        String gracesGroceries = grace.category("Groceries");
        grace.spend(gracesAccount, "10.00", gracesGroceries, "Bakery");
        String mallorysAccount = mallory.api.post("/accounts", Map.of(), """
                {"name":"Mallory's card","type":"CARD","currency":"EUR","openingBalance":"900.00"}""").get("id").asText();
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(find(grace.api.get("/dashboard").get("byCategory"), "categoryId", gracesGroceries)
                        .at("/total/amount").asText()).isEqualTo("10.00"));

        signIn(grace);
        awaitConnection("connected");
        awaitText(accountBalance(gracesAccount), "490.00 EUR");
        awaitText(bar(gracesGroceries), "10.00 EUR");
        markThePage();

        // Mallory spends while Grace watches; it is in Mallory's own read models ...
        mallory.spend(mallorysAccount, "77.00", mallory.category("Groceries"), "Mallory's groceries");
        mallory.spend(mallorysAccount, "99.00", mallory.category("Travel"), "Mallory's flight");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() ->
                assertThat(find(mallory.api.get("/accounts"), "id", mallorysAccount).at("/balance/amount").asText())
                        .isEqualTo("724.00"));
        // ... and Grace's next expense, recorded after it, reaches her page
        grace.spend(gracesAccount, "5.00", grace.category("Dining out"), "Grace's coffee");
        awaitText(accountBalance(gracesAccount), "485.00 EUR");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(text(By.id("activity"))).contains("Grace's coffee"));

        String page = text(By.tagName("main"));
        assertThat(page).doesNotContain("Mallory", "77.00", "99.00", "724.00", "900.00", "Travel");
        assertThat(text(bar(gracesGroceries))).isEqualTo("10.00 EUR");
        assertThat(browser.findElements(By.cssSelector("#accounts li"))).as("Grace's account only").hasSize(1);
        assertThat(pageWasNotReloaded()).isTrue();
    }

    @Test
    void refusesAWrongPasswordAndSigningOutEndsTheSession() throws Exception {
        Person linus = register("Linus");
        browser.get(standalone.root());
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("email")).sendKeys(linus.email);
        browser.findElement(By.id("password")).sendKeys("not the password at all");
        browser.findElement(By.id("sign-in-button")).click();
        awaitText(By.id("sign-in-error"), "The email or password is not correct.");
        assertThat(browser.findElement(By.id("dashboard")).isDisplayed()).isFalse();

        signIn(linus);
        awaitConnection("connected");
        awaitText(By.cssSelector("#accounts li"), "No accounts yet.");
        String refreshToken = (String) script("return JSON.parse(sessionStorage.getItem('tally.session')).refreshToken;");

        browser.findElement(By.id("sign-out")).click();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertThat(connectionState()).isEqualTo("offline");
        assertThat(script("return sessionStorage.getItem('tally.session');")).as("nothing kept in the tab").isNull();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(refreshWith(refreshToken))
                .as("the session's refresh token after signing out").isEqualTo(401));
    }

    @Test
    void renewsAnExpiredOrRefusedAccessTokenWithTheRefreshToken() throws Exception {
        Person joan = register("Joan");
        String account = joan.api.post("/accounts", Map.of(), """
                {"name":"Savings","type":"BANK","currency":"EUR","openingBalance":"75.00"}""").get("id").asText();
        signIn(joan);
        awaitText(accountBalance(account), "75.00 EUR");

        // the tab comes back with a token past its expiry, then with one the server refuses although it looks fresh
        for (String tampering : List.of("session.expiresAt = Date.now() - 1000;", "session.expiresAt = Date.now() + 600000;")) {
            String before = (String) script("""
                    const session = JSON.parse(sessionStorage.getItem('tally.session'));
                    const refreshToken = session.refreshToken;
                    session.accessToken = 'not-a-token';
                    %s
                    sessionStorage.setItem('tally.session', JSON.stringify(session));
                    location.reload();
                    return refreshToken;""".formatted(tampering));
            // only a refresh replaces the tampered token, and it also hands out the session's next refresh token
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(script("return sessionStorage.getItem('tally.session');"))
                    .asString().as("the session after: " + tampering)
                    .doesNotContain("not-a-token").doesNotContain(before).contains("accessToken"));
            awaitConnection("connected");
            awaitText(accountBalance(account), "75.00 EUR");
        }
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).as("no sign-in asked for").isFalse();
    }

    @Test
    void showsGroupBalancesAndSettlesUpFromThePage() throws Exception {
        Person ada = register("Ada");
        Person bob = register("Bob");
        String trip = ada.api.post("/groups", Map.of(), "{\"name\":\"Ski trip\"}").get("id").asText();
        ada.api.post("/groups/" + trip + "/invitations", Map.of(), "{\"email\":\"" + bob.email + "\"}");
        bob.api.post("/groups/invitations/accept", Map.of(), "{\"token\":\"" + invitationToken(bob.email) + "\"}");
        String card = bob.api.post("/accounts", Map.of(), "{\"name\":\"Card\",\"type\":\"CARD\",\"currency\":\"EUR\"}").get("id").asText();
        String chalet = bob.api.post("/transactions", Map.of(), """
                {"type":"EXPENSE","accountId":"%s","amount":"90.00","description":"Chalet"}""".formatted(card)).get("id").asText();
        bob.api.put("/transactions/" + chalet + "/split", """
                {"method":"EQUAL","groupId":"%s","participants":[{"userId":"%s"},{"userId":"%s"}]}""".formatted(trip, bob.id, ada.id));

        signIn(ada);
        awaitConnection("connected");
        By group = By.cssSelector("#groups li[data-group-id='" + trip + "']");
        awaitText(new ByChained(group, By.className("balance")), "you: -45.00 EUR");
        awaitText(new ByChained(group, By.cssSelector(".transfer span")), "Ada pays Bob 45.00 EUR");
        markThePage();

        browser.findElement(new ByChained(group, By.cssSelector("button.settle"))).click();

        // the payment is recorded, and the group's new balances come back over the socket
        awaitText(new ByChained(group, By.className("balance")), "you: 0.00 EUR");
        assertThat(browser.findElements(new ByChained(group, By.className("transfer")))).isEmpty();
        JsonNode payment = ada.api.get("/payments").get(0);
        assertThat(payment.at("/amount/amount").asText()).isEqualTo("45.00");
        assertThat(payment.get("payeeId").asText()).isEqualTo(bob.id);
        assertThat(pageWasNotReloaded()).as("the page was updated in place, never reloaded").isTrue();
    }

    // ---- the page ----

    private void signIn(Person person) {
        browser.get(standalone.root());
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        browser.findElement(By.id("email")).sendKeys(person.email);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-in-button")).click();
        await().atMost(PATIENCE).until(() -> browser.findElement(By.id("dashboard")).isDisplayed());
        assertThat(browser.findElement(By.id("sign-in")).isDisplayed()).as("the sign-in form, once signed in").isFalse();
    }

    private static By accountBalance(String account) {
        return By.cssSelector("#accounts li[data-account-id='" + account + "'] .balance");
    }

    private static By budgetSpent(String budget) {
        return By.cssSelector("#budgets li[data-budget-id='" + budget + "'] .spent");
    }

    private static By bar(String category) {
        return By.cssSelector("#spending-chart g.bar[data-category-id='" + category + "'] .amount");
    }

    private String text(By locator) {
        List<WebElement> found = browser.findElements(locator);
        return found.isEmpty() ? null : found.get(0).getText();
    }

    private void awaitText(By locator, String expected) {
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> assertThat(text(locator)).as(locator.toString()).isEqualTo(expected));
    }

    private String connectionState() {
        return browser.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    private void awaitConnection(String state) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(connectionState()).as("connection state").isEqualTo(state));
    }

    private Object script(String javascript) {
        return ((JavascriptExecutor) browser).executeScript(javascript);
    }

    private void markThePage() {
        script("window.loadedOnce = true;");
    }

    private boolean pageWasNotReloaded() {
        return Boolean.TRUE.equals(script("return window.loadedOnce === true;"));
    }

    // ---- another device: the REST API ----

    private int refreshWith(String refreshToken) throws Exception {
        HttpRequest refresh = HttpRequest.newBuilder(URI.create(standalone.base() + "/auth/refresh"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"refreshToken\":\"" + refreshToken + "\"}")).build();
        return HttpClient.newHttpClient().send(refresh, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Person register(String name) throws Exception {
        String email = name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com";
        new Api(standalone.base(), null).post("/auth/register", Map.of(), """
                {"email":"%s","password":"%s","displayName":"%s","timeZone":"UTC"}""".formatted(email, PASSWORD, name));
        JsonNode signedIn = new Api(standalone.base(), null).post("/auth/login", Map.of(), """
                {"email":"%s","password":"%s"}""".formatted(email, PASSWORD));
        return new Person(email, signedIn.path("user").path("id").asText(), new Api(standalone.base(), signedIn.get("accessToken").asText()));
    }

    /** The token of the invitation link mailed to {@code email}. */
    private static String invitationToken(String email) {
        return await().atMost(PATIENCE).until(() -> {
            for (var message : MAIL.getReceivedMessages()) {
                if (message.getAllRecipients()[0].toString().equalsIgnoreCase(email)) {
                    var link = java.util.regex.Pattern.compile("#join-group=([A-Za-z0-9_-]+)")
                            .matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
                    if (link.find()) {
                        return link.group(1);
                    }
                }
            }
            return null;
        }, token -> token != null);
    }

    private record Person(String email, String id, Api api) {

        String category(String name) {
            return await().atMost(PATIENCE).ignoreExceptions()
                    .until(() -> find(api.get("/categories"), "name", name).get("id").asText(), id -> id != null);
        }

        void spend(String account, String amount, String category, String description) throws Exception {
            api.post("/transactions", Map.of(), """
                    {"type":"EXPENSE","accountId":"%s","amount":"%s","categoryId":"%s","description":"%s"}"""
                    .formatted(account, amount, category, description));
        }
    }
}
