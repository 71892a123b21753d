package dev.tally.command.dispatch;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The input rules of docs/api.md ("Input rules"), each with the clear 4xx it gets and proof that nothing was appended:
 * the text policy, strict JSON, strict amounts and dates, the body and header limits.
 */
class InputRulesApiTest extends CommandApiTest {

    private String account(TestUser user) {
        Api.Response response = api.post("/api/v1/accounts").as(user)
                .body(Map.of("name", "Current", "type", "BANK", "currency", "EUR", "openingBalance", "100.00")).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    /** A refusal of the field at fault, as problem details, with nothing appended. */
    private void refused(Api.Call call, int status, String field) {
        long events = eventCount();
        Api.Response response = call.send();
        assertThat(response.code()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().getContentType()).hasToString("application/problem+json");
        if (field != null) {
            assertThat(response.body().path("errors").findValuesAsText("field")).as(response.toString()).contains(field);
        }
        assertThat(eventCount()).as("nothing appended by " + response).isEqualTo(events);
    }

    @Test
    void aNulOrAnotherControlCharacterInAnyTextIsRefusedAtTheEdge() {
        TestUser alice = someUser();
        String wallet = account(alice);
        for (String bad : List.of("\\u0000", "\\u0007", "\\u009b", "\\t", "\\ud800", "\\udc00x")) {
            refused(api.post("/api/v1/categories").as(alice).body("{\"name\":\"Pets" + bad + "\",\"kind\":\"EXPENSE\"}"), 400, "name");
            refused(api.post("/api/v1/accounts").as(alice)
                    .body("{\"name\":\"Cash" + bad + "\",\"type\":\"CASH\",\"currency\":\"EUR\"}"), 400, "name");
            refused(api.post("/api/v1/transactions").as(alice).body("{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet
                    + "\",\"amount\":\"1.00\",\"description\":\"Lunch" + bad + "\"}"), 400, "description");
            refused(api.post("/api/v1/transactions").as(alice).body("{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet
                    + "\",\"amount\":\"1.00\",\"tags\":[\"ok\",\"x" + bad + "\"]}"), 400, "tags[1]");
        }
        Api.Response nul = api.post("/api/v1/categories").as(alice).body("{\"name\":\"Pets\\u0000\",\"kind\":\"EXPENSE\"}").send();
        assertThat(nul.text("code")).isEqualTo("validation_failed");
        assertThat(nul.body().path("errors").get(0).path("message").asText()).contains("control characters");
    }

    @Test
    void namesAreOneLineWithoutBidiControlsButDescriptionsMaySpanLines() {
        TestUser alice = someUser();
        String wallet = account(alice);
        refused(api.post("/api/v1/categories").as(alice).body("{\"name\":\"Pets\\nFood\",\"kind\":\"EXPENSE\"}"), 400, "name");
        refused(api.post("/api/v1/categories").as(alice).body("{\"name\":\"evil\\u202Egnp.exe\",\"kind\":\"EXPENSE\"}"), 400, "name");
        refused(api.post("/api/v1/transactions").as(alice).body("{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet
                + "\",\"amount\":\"1.00\",\"merchant\":\"Shop\\u2066x\"}"), 400, "merchant");

        Api.Response multiLine = api.post("/api/v1/transactions").as(alice).body("{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet
                + "\",\"amount\":\"1.00\",\"description\":\"Line one\\nline two \\u202E fine here\"}").send();
        assertThat(multiLine.code()).as(multiLine.toString()).isEqualTo(201);
    }

    @Test
    void textIsStoredInNfcAndLengthsCountCharacters() {
        TestUser alice = someUser();
        // "Cafe" + combining acute accent: five code points, stored as the four of "Café"
        Api.Response created = api.post("/api/v1/categories").as(alice).body("{\"name\":\"Cafe\\u0301\",\"kind\":\"EXPENSE\"}").send();
        assertThat(created.code()).as(created.toString()).isEqualTo(201);
        assertThat(eventJson(created.text("id"), 0)).contains("\"name\":\"Caf\u00e9\"");
        // 60 characters outside the BMP are 120 UTF-16 units, and still a name of 60 characters
        String sixty = "\uD83D\uDE00".repeat(60);
        assertThat(api.post("/api/v1/categories").as(alice).body(Map.of("name", sixty, "kind", "EXPENSE")).send().code()).isEqualTo(201);
        refused(api.post("/api/v1/categories").as(alice).body(Map.of("name", sixty + "x", "kind", "EXPENSE")), 400, "name");
    }

    @Test
    void amountsAreAsciiDecimalsOnly() {
        TestUser alice = someUser();
        String wallet = account(alice);
        for (String amount : List.of("1e2", "+5.00", "00012.00", "\u0661\u0662", "\uff11\uff12", "12.34\u0000", " 12.34", "1,000.00",
                "12.", ".5", "0x10", "NaN", "Infinity")) {
            refused(api.post("/api/v1/transactions").as(alice)
                    .body(Map.of("type", "EXPENSE", "accountId", wallet, "amount", amount)), amount.contains("\u0000") ? 400 : 422, "amount");
        }
        refused(api.post("/api/v1/accounts").as(alice)
                .body(Map.of("name", "Card", "type", "CARD", "currency", "EUR", "openingBalance", "-1e3")), 422, "openingBalance");
        refused(api.post("/api/v1/transactions").as(alice).body(Map.of("type", "EXPENSE", "accountId", wallet, "amount", "5.00",
                "originalAmount", Map.of("amount", "-4.00", "currency", "GBP"))), 422, "originalAmount");
        refused(api.post("/api/v1/transactions").as(alice).body(Map.of("type", "EXPENSE", "accountId", wallet, "amount", "5.00",
                "originalAmount", Map.of("amount", "4e0", "currency", "GBP"))), 422, "originalAmount");
        // what stays valid: plain decimals, a negative opening balance, zero
        assertThat(api.post("/api/v1/accounts").as(alice).body(Map.of("name", "Card", "type", "CARD", "currency", "EUR",
                "openingBalance", "-250.5")).send().code()).isEqualTo(201);
        assertThat(api.post("/api/v1/transactions").as(alice).body(Map.of("type", "EXPENSE", "accountId", wallet, "amount", "0.5",
                "originalAmount", Map.of("amount", "0.43", "currency", "GBP"))).send().code()).isEqualTo(201);
    }

    @Test
    void aDateIsADayAndAnEmptyOneIsNotToday() {
        TestUser alice = someUser();
        String wallet = account(alice);
        for (String date : List.of("", "2026-11-25T10:00:00Z", "2026-11-25T10:00:00", "25.11.2026", "2026-02-30")) {
            refused(api.post("/api/v1/transactions").as(alice)
                    .body(Map.of("type", "EXPENSE", "accountId", wallet, "amount", "1.00", "date", date)), 400, "date");
        }
    }

    @Test
    void jsonIsOneDocumentWithEachKeyOnce() {
        TestUser alice = someUser();
        String wallet = account(alice);
        String transaction = "{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet + "\",\"amount\":\"1.00\"";
        refused(api.post("/api/v1/transactions").as(alice).body(transaction + ",\"amount\":\"1000.00\"}"), 400, null);
        Api.Response duplicate = api.post("/api/v1/transactions").as(alice).body(transaction + ",\"amount\":\"1000.00\"}").send();
        assertThat(duplicate.text("code")).isEqualTo("malformed_request");
        assertThat(duplicate.text("detail")).contains("twice");
        refused(api.post("/api/v1/transactions").as(alice).body(transaction + "} trailing"), 400, null);
        refused(api.post("/api/v1/transactions").as(alice).body(transaction + "}{\"amount\":\"2.00\"}"), 400, null);
        assertThat(balance(wallet)).isEqualTo(100_00);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsRefusedNotConverted() {
        TestUser alice = someUser();
        String wallet = account(alice);
        String start = "{\"accountId\":\"" + wallet + "\",";
        // an amount as a JSON number (a float to a client), an enum by its index, text from a boolean, a whole number
        // from a fraction or a string, a flag from a number: each would be taken as something the client did not write
        refused(api.post("/api/v1/transactions").as(alice).body(start + "\"type\":\"EXPENSE\",\"amount\":12.34}"), 400, "amount");
        refused(api.post("/api/v1/transactions").as(alice).body(start + "\"type\":0,\"amount\":\"12.34\"}"), 400, "type");
        refused(api.post("/api/v1/transactions").as(alice).body(start + "\"type\":\"EXPENSE\",\"amount\":\"1.00\",\"description\":true}"), 400, "description");
        refused(api.post("/api/v1/recurring").as(alice).body(start + "\"type\":\"EXPENSE\",\"amount\":\"1.00\",\"frequency\":\"DAILY\","
                + "\"startDate\":\"2026-11-01\",\"interval\":1.5}"), 400, "interval");
        refused(api.post("/api/v1/recurring").as(alice).body(start + "\"type\":\"EXPENSE\",\"amount\":\"1.00\",\"frequency\":\"DAILY\","
                + "\"startDate\":\"2026-11-01\",\"interval\":\"2\"}"), 400, "interval");
        refused(api.post("/api/v1/imports/preview").as(alice).body(start + "\"format\":\"OFX\",\"content\":\"x\",\"background\":1}"), 400, "background");
        assertThat(balance(wallet)).isEqualTo(100_00);
    }

    @Test
    void aSplitPercentageIsADecimalToo() {
        TestUser alice = registerAndLogIn();
        TestUser bob = registerAndLogIn();
        String wallet = account(alice);
        String expense = api.post("/api/v1/transactions").as(alice)
                .body(Map.of("type", "EXPENSE", "accountId", wallet, "amount", "10.00")).send().text("id");
        for (String percent : List.of("1e2", "+50", "050", "\u0665\u0660")) {
            refused(api.put("/api/v1/transactions/" + expense + "/split").as(alice).body(Map.of("method", "PERCENT", "participants",
                    List.of(Map.of("userId", alice.userId(), "value", percent), Map.of("userId", bob.userId(), "value", "50")))),
                    422, "participants[0].value");
        }
    }

    @Test
    void headersThatCannotBeUsedGetA4xxNotA500() {
        TestUser alice = someUser();
        String wallet = account(alice);
        Map<String, Object> expense = Map.of("type", "EXPENSE", "accountId", wallet, "amount", "1.00");
        refused(api.post("/api/v1/transactions").as(alice).idempotencyKey("k".repeat(256)).body(expense), 400, "Idempotency-Key");
        refused(api.post("/api/v1/transactions").as(alice).idempotencyKey(" ").body(expense), 400, "Idempotency-Key");
        assertThat(api.post("/api/v1/transactions").as(alice).idempotencyKey("k".repeat(255)).body(expense).send().code()).isEqualTo(201);
        refused(api.patch("/api/v1/accounts/" + wallet).as(alice).header("If-Match", "").body(Map.of("name", "New")), 422, "If-Match");
        refused(api.patch("/api/v1/accounts/" + wallet).as(alice).header("If-Match", "\"\"").body(Map.of("name", "New")), 422, "If-Match");

        long events = eventCount();
        String body = "{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet + "\",\"amount\":\"1.00\"}";
        String rename = "{\"name\":\"New\"}";
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("POST /api/v1/transactions|Idempotency-Key: r\u00e9\u00e7u-\u20ac", "HTTP/1.1 400");
        requests.put("PATCH /api/v1/accounts/" + wallet + "|If-Match: \"\u00e9\"", "HTTP/1.1 400"); // not ASCII, before it is read
        requests.put("POST /api/v1/transactions|X-Correlation-Id: \u00e9t\u00e9", "HTTP/1.1 400"); // not ASCII
        requests.put("POST /api/v1/transactions|X-Correlation-Id: not sane!", "HTTP/1.1 201"); // replaced by a sane one
        requests.forEach((request, expected) -> {
            String[] parts = request.split("\\|");
            String sent = parts[0].startsWith("PATCH") ? rename : body;
            String answer = raw(parts[0] + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nContent-Type: application/json\r\n" + parts[1] + "\r\nContent-Length: " + sent.length()
                    + "\r\nConnection: close\r\n\r\n" + sent);
            assertThat(answer).as(request).startsWith(expected);
        });
        assertThat(eventCount()).isEqualTo(events + 2); // the transaction and its posting, from the request that was sane
    }

    @Test
    void aHeaderWithNonAsciiCharactersIsRefusedWhetherAnythingReadsItOrNot() {
        TestUser alice = someUser();
        long events = eventCount();
        String body = "{\"name\":\"Pets\",\"kind\":\"EXPENSE\"}";
        for (String header : List.of("X-Correlation-Id: \u00e9\u00e9", "X-Unread: caf\u00e9", "Accept-Language: fr-\u00e9")) {
            String answer = raw("POST /api/v1/categories HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                    + "\r\nContent-Type: application/json\r\n" + header + "\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body);
            assertThat(answer).as(header).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json")
                    .contains("\"code\":\"malformed_request\"").contains("\"field\":\"" + header.substring(0, header.indexOf(':')).toLowerCase() + "\""); // as Tomcat names it
        }
        assertThat(eventCount()).isEqualTo(events);
        // a cookie is not the API's (it reads none): another site on the host may have set one in UTF-8
        String withCookie = raw("POST /api/v1/categories HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                + "\r\nContent-Type: application/json\r\nCookie: theme=caf\u00e9\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(withCookie).startsWith("HTTP/1.1 201");
    }

    /**
     * What Spring Security's firewall or Tomcat refuse before any controller reaches the error path: problem details
     * with the container's status, as is /error asked for directly (404, as any unknown path).
     */
    @Test
    void anAddressOrABodyRefusedBeforeAnyControllerIsAProblemToo() {
        TestUser alice = someUser();
        long events = eventCount();
        Map<String, String> requests = new java.util.LinkedHashMap<>();
        requests.put("GET /api/v1/accounts/%25ZZ", "400 malformed_request");
        requests.put("GET /api/v1/accounts;x=1", "400 malformed_request");
        requests.put("GET /api/v1//accounts", "400 malformed_request");
        requests.put("GET /api/v1/accounts/..;/x", "400 malformed_request");
        requests.put("GET /error", "404 not_found");
        requests.put("POST /error", "404 not_found");
        requests.forEach((request, expected) -> {
            String answer = raw(request + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            problem(answer, request, expected);
        });
        String broken = raw("POST /api/v1/categories HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
        problem(broken, "a broken chunked body", "400 malformed_request");
        assertThat(eventCount()).isEqualTo(events);
    }

    private static void problem(String answer, String request, String expected) {
        String[] statusAndCode = expected.split(" ");
        assertThat(answer).as(request).startsWith("HTTP/1.1 " + statusAndCode[0]).contains("Content-Type: application/problem+json")
                .contains("\"code\":\"" + statusAndCode[1] + "\"").doesNotContain("timestamp");
    }

    @Test
    void anEmptyArrayOrAnArrayOfNumbersIsNotADate() {
        TestUser alice = someUser();
        String wallet = account(alice);
        String expense = "{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet + "\",\"amount\":\"1.00\",";
        for (String date : List.of("[]", "[2026,11,1]", "[\"2026-11-01\"]")) {
            refused(api.post("/api/v1/transactions").as(alice).body(expense + "\"date\":" + date + "}"), 400, "date");
            refused(api.post("/api/v1/recurring").as(alice).body(expense + "\"frequency\":\"DAILY\",\"startDate\":\"2026-11-01\","
                    + "\"endDate\":" + date + "}"), 400, "endDate");
            refused(api.post("/api/v1/payments").as(alice).body("{\"payeeId\":\"" + java.util.UUID.randomUUID()
                    + "\",\"amount\":\"1.00\",\"currency\":\"EUR\",\"date\":" + date + "}"), 400, "date");
        }
        Api.Response empty = api.post("/api/v1/transactions").as(alice).body(expense + "\"date\":[]}").send();
        assertThat(empty.text("code")).isEqualTo("malformed_request");
        // nor is it no text or no number
        refused(api.post("/api/v1/transactions").as(alice).body(expense + "\"description\":[]}"), 400, "description");
        assertThat(balance(wallet)).isEqualTo(100_00);
    }

    @Test
    void aBodyOverOneMegabyteIs413AndAHugeHeaderIs400() {
        TestUser alice = someUser();
        String wallet = account(alice);
        String padding = "x".repeat(1024 * 1024);
        refused(api.post("/api/v1/transactions").as(alice).body("{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet
                + "\",\"amount\":\"1.00\",\"merchant\":\"" + padding + "\"}"), 413, null);
        Api.Response tooLarge = api.post("/api/v1/transactions").as(alice).body("{\"merchant\":\"" + padding + "\"}").send();
        assertThat(tooLarge.text("code")).isEqualTo("payload_too_large");

        // a chunked body declares no length: it is cut off once it passes the cap, with the same answer
        String chunk = "{\"type\":\"EXPENSE\",\"accountId\":\"" + wallet + "\",\"amount\":\"1.00\",\"merchant\":\"" + padding + "\"}";
        String answer = raw("POST /api/v1/transactions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + alice.token()
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("payload_too_large");

        String bigHeader = raw("GET /api/v1/accounts HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "y".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertThat(bigHeader).startsWith("HTTP/1.1 400");
        assertThat(balance(wallet)).isEqualTo(100_00);
    }

    /** One request written byte for byte (clients refuse to send some of these), answered as text. */
    private String raw(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // the server may close while the rest of an oversized request is still being sent
            }
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
