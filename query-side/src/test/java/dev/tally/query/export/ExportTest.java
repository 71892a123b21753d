package dev.tally.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static dev.tally.query.support.Domain.expense;
import static dev.tally.query.support.Domain.income;
import static dev.tally.query.support.Domain.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Exports: CSV and JSON with the list's filters, the personal zip, refusals before the first byte, and nothing of anyone else. */
class ExportTest extends QueryTestBase {

    String alice;
    String bob;
    String eve;
    String main;
    String savings;
    String food;
    String bobsAccount;
    String shop;
    String formula;
    String salary;
    String move;
    String gone;
    String bobs;
    Domain d;
    @Autowired
    ExportSlots slots;

    @BeforeEach
    void aliceAndBobHaveHistories() {
        d = new Domain(events());
        alice = d.user("Alice");
        bob = d.user("Bob");
        eve = d.user("Eve");
        main = d.account(alice, "Main", "500.00");
        savings = d.account(alice, "Savings", "0.00");
        food = d.category(alice, "Food");
        shop = d.record(alice, expense(main, "45.10", food, LocalDate.of(2026, 11, 3), "Weekly shop, big", "Rewe", List.of("food", "home")));
        formula = d.record(alice, expense(main, "3.00", food, LocalDate.of(2026, 11, 5), "=HYPERLINK(\"x\")", null, List.of()));
        salary = d.record(alice, income(main, "2500.00", null, LocalDate.of(2026, 10, 30), "Salary"));
        move = d.record(alice, transfer(main, savings, "100.00", LocalDate.of(2026, 11, 10)));
        gone = d.record(alice, expense(main, "9.99", food, LocalDate.of(2026, 11, 7), "Mistake", null, List.of()));
        d.delete(gone);
        bobsAccount = d.account(bob, "Bob's", "10.00");
        bobs = d.record(bob, expense(bobsAccount, "7.00", null, LocalDate.of(2026, 11, 4), "Bob's lunch", "Rewe", List.of("food")));
        awaitProjected();
    }

    @Test
    void csvHasAHeaderAndTheLiveTransactionsOldestFirst() throws Exception {
        MvcResult done = download(alice, "/api/v1/export/transactions");
        assertThat(done.getResponse().getContentType()).startsWith("text/csv");
        assertThat(done.getResponse().getHeader("Content-Disposition")).startsWith("attachment; filename=\"tally-transactions-").endsWith(".csv\"");
        List<CSVRecord> rows = csv(done);
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(salary, shop, formula, move);
        CSVRecord first = rows.get(1);
        assertThat(first.get("date")).isEqualTo("2026-11-03");
        assertThat(first.get("type")).isEqualTo("EXPENSE");
        assertThat(first.get("amount")).isEqualTo("45.10");
        assertThat(first.get("currency")).isEqualTo("EUR");
        assertThat(first.get("accountId")).isEqualTo(main);
        assertThat(first.get("category")).isEqualTo("Food");
        assertThat(first.get("description")).isEqualTo("Weekly shop, big");
        assertThat(first.get("merchant")).isEqualTo("Rewe");
        assertThat(first.get("tags")).isEqualTo("food;home");
        assertThat(first.get("deleted")).isEqualTo("false");
        assertThat(rows.get(2).get("description")).as("a spreadsheet must not run it").isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(rows.get(3).get("toAccountId")).isEqualTo(savings);
    }

    @Test
    void theListsFiltersNarrowTheExport() throws Exception {
        assertThat(ids(alice, "from", "2026-11-01", "to", "2026-11-05")).containsExactly(shop, formula);
        assertThat(ids(alice, "q", "WEEKLY")).containsExactly(shop);
        assertThat(ids(alice, "q", "rewe")).containsExactly(shop);
        assertThat(ids(alice, "tag", "home")).containsExactly(shop);
        assertThat(ids(alice, "type", "INCOME")).containsExactly(salary);
        assertThat(ids(alice, "accountId", savings)).containsExactly(move);
        assertThat(ids(alice, "categoryId", food)).containsExactly(shop, formula);
        assertThat(ids(alice, "deleted", "true")).containsExactly(gone);
        assertThat(ids(alice, "q", "%")).isEmpty();
    }

    @Test
    void jsonIsAnArrayOfExpenseViews() throws Exception {
        JsonNode all = json.readTree(download(alice, "/api/v1/export/transactions", "format", "json").getResponse().getContentAsByteArray());
        assertThat(all.isArray()).isTrue();
        assertThat(all.findValuesAsText("id")).containsExactly(salary, shop, formula, move);
        JsonNode shopView = all.get(1);
        assertThat(shopView.get("amount").get("amount").asText()).isEqualTo("45.10");
        assertThat(shopView.get("categoryName").asText()).isEqualTo("Food");
        assertThat(shopView.get("tags")).hasSize(2);
        assertThat(shopView.get("description").asText()).isEqualTo("Weekly shop, big");
        assertThat(all.get(2).get("description").asText()).as("JSON is not a spreadsheet: text as recorded").isEqualTo("=HYPERLINK(\"x\")");
        JsonNode tagged = json.readTree(download(alice, "/api/v1/export/transactions", "format", "JSON", "tag", "food").getResponse().getContentAsByteArray());
        assertThat(tagged.findValuesAsText("id")).containsExactly(shop);
    }

    @Test
    void nobodyExportsAnotherUsersTransactions() throws Exception {
        assertThat(ids(bob)).containsExactly(bobs);
        assertThat(ids(eve)).isEmpty();
        assertThat(ids(eve, "accountId", main)).isEmpty();
        assertThat(ids(alice, "accountId", bobsAccount)).isEmpty();
        assertThat(json.readTree(download(eve, "/api/v1/export/transactions", "format", "json").getResponse().getContentAsByteArray())).isEmpty();
        Map<String, byte[]> evesZip = unzip(download(eve, "/api/v1/export/personal"));
        assertThat(new String(evesZip.get("events.jsonl"), StandardCharsets.UTF_8)).doesNotContain(alice).doesNotContain(bob);
        assertThat(json.readTree(evesZip.get("accounts.json"))).isEmpty();
        assertThat(json.readTree(evesZip.get("transactions.json"))).isEmpty();
    }

    @Test
    void refusalsAreProblemsBeforeAnyByte() throws Exception {
        mvc.perform(as(alice, get("/api/v1/export/transactions").param("format", "xml"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed")).andExpect(jsonPath("$.errors[0].field").value("format"));
        mvc.perform(as(alice, get("/api/v1/export/transactions").param("from", "2026-11-05").param("to", "2026-11-01")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("from"));
        mvc.perform(as(alice, get("/api/v1/export/transactions").param("type", "GIFT"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        mvc.perform(as(alice, get("/api/v1/export/transactions").param("from", "yesterday"))).andExpect(status().isBadRequest());
        mvc.perform(get("/api/v1/export/transactions")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/export/personal")).andExpect(status().isUnauthorized());
    }

    /**
     * The command side never records an expense in someone else's category; should an event say so all the same, the
     * export names only the owner's own categories, as the list does, and never another user's.
     */
    @Test
    void anExportNamesOnlyTheOwnersOwnCategories() throws Exception {
        String bobsCategory = d.category(bob, "Bob's secret");
        String odd = d.record(alice, expense(main, "1.00", bobsCategory, LocalDate.of(2026, 11, 8), "Odd", null, List.of()));
        awaitProjected();
        CSVRecord row = csv(download(alice, "/api/v1/export/transactions")).stream().filter(r -> r.get("id").equals(odd)).findFirst().orElseThrow();
        assertThat(row.get("category")).isEmpty();
        JsonNode view = json.readTree(download(alice, "/api/v1/export/transactions", "format", "json").getResponse().getContentAsByteArray())
                .findParents("id").stream().filter(v -> v.get("id").asText().equals(odd)).findFirst().orElseThrow();
        assertThat(view.get("categoryName").isNull()).isTrue();
        assertThat(new String(unzip(download(alice, "/api/v1/export/personal")).get("transactions.json"), StandardCharsets.UTF_8))
                .doesNotContain("Bob's secret");
        assertThat(getJson(alice, "/api/v1/transactions/{id}", odd).get("categoryName").isNull()).as("the list's view, the same").isTrue();
    }

    /**
     * A download holds a pooled connection and a snapshot for as long as its client reads: two at a time per user. The
     * test holds two of Alice's slots as two slow downloads would, through the slots the controller takes.
     */
    @Test
    void aUserRunsAtMostTwoExportsAtOnceAndOthersAreNotHeldBack() throws Exception {
        try (var one = slots.take(alice); var two = slots.take(alice)) {
            tooManyExports(alice, "/api/v1/export/transactions");
            tooManyExports(alice, "/api/v1/export/personal");
            assertThat(ids(bob)).as("another user's export runs").containsExactly(bobs);
        }
        assertThat(ids(alice)).as("once hers have ended, the next runs").containsExactly(salary, shop, formula, move);
        assertThat(unzip(download(alice, "/api/v1/export/personal"))).isNotEmpty();
        // the downloads that ended gave their slots back: two can be taken again
        try (var one = slots.take(alice); var two = slots.take(alice)) {
            assertThat(one).isNotSameAs(two);
        }
    }

    /** And four in the whole process (tally.query.export.max-concurrent), well under the pool's ten connections. */
    @Test
    void theProcessRunsAtMostFourExportsAtOnce() throws Exception {
        List<ExportSlots.Slot> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                held.add(slots.take("u-elsewhere-" + i + "-" + java.util.UUID.randomUUID()));
            }
            tooManyExports(eve, "/api/v1/export/transactions");
        } finally {
            held.forEach(ExportSlots.Slot::close);
        }
        assertThat(ids(eve)).isEmpty();
    }

    private void tooManyExports(String userId, String path) throws Exception {
        mvc.perform(as(userId, get(path))).andExpect(request().asyncNotStarted())
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(jsonPath("$.type").value("urn:tally:problem:too_many_exports"))
                .andExpect(jsonPath("$.code").value("too_many_exports"))
                .andExpect(jsonPath("$.retryAfter").value(5));
    }

    @Test
    void thePersonalZipHoldsEverythingAliceOwnsWithEachThingsHistory() throws Exception {
        MvcResult done = download(alice, "/api/v1/export/personal");
        assertThat(done.getResponse().getContentType()).isEqualTo("application/zip");
        Map<String, byte[]> zip = unzip(done);
        assertThat(zip.keySet()).containsExactly("profile.json", "accounts.json", "categories.json", "budgets.json", "notifications.json",
                "transactions.csv", "transactions.json", "events.jsonl");
        JsonNode profile = json.readTree(zip.get("profile.json"));
        assertThat(profile.get("userId").asText()).isEqualTo(alice);
        assertThat(profile.get("displayName").asText()).isEqualTo("Alice");
        assertThat(json.readTree(zip.get("accounts.json")).findValuesAsText("name")).containsExactly("Main", "Savings");
        assertThat(json.readTree(zip.get("categories.json")).findValuesAsText("name")).containsExactly("Food");
        assertThat(json.readTree(zip.get("transactions.json")).findValuesAsText("id")).as("deleted ones too")
                .containsExactlyInAnyOrder(salary, shop, formula, move, gone);
        assertThat(csv(new String(zip.get("transactions.csv"), StandardCharsets.UTF_8))).hasSize(5);

        List<JsonNode> events = new ArrayList<>();
        for (String line : new String(zip.get("events.jsonl"), StandardCharsets.UTF_8).split("\n")) {
            events.add(json.readTree(line));
        }
        assertThat(events).extracting(e -> e.get("aggregateId").asText()).doesNotContain(bob, bobs, bobsAccount)
                .contains(alice, main, savings, food, shop, gone);
        List<String> goneHistory = events.stream().filter(e -> e.get("aggregateId").asText().equals(gone)).map(e -> e.get("type").asText()).toList();
        assertThat(goneHistory).containsExactly("TransactionRecorded", "TransactionDeleted");
        JsonNode recorded = events.stream().filter(e -> e.get("aggregateId").asText().equals(shop)).findFirst().orElseThrow();
        assertThat(recorded.get("aggregateType").asText()).isEqualTo("Transaction");
        assertThat(recorded.get("sequence").asLong()).isZero();
        assertThat(recorded.get("userId").asText()).isEqualTo(alice);
        assertThat(recorded.get("payload").get("details").get("description").asText()).isEqualTo("Weekly shop, big");
        List<Long> mainSequences = events.stream().filter(e -> e.get("aggregateId").asText().equals(main)).map(e -> e.get("sequence").asLong()).toList();
        assertThat(mainSequences).as("each thing's history in order").isSorted().startsWith(0L);
    }

    /** More rows than one fetch, each with two tags: rows of one transaction never split across the cursor's fetches. */
    @Test
    void manyRowsStreamThroughTheCursorWhole() throws Exception {
        String owner = "u-bulk-" + java.util.UUID.randomUUID();
        int count = 3 * TransactionRows.FETCH_SIZE + 7;
        jdbc.update("""
                INSERT INTO transaction_view (transaction_id, owner_id, type, account_id, amount_minor, currency, date, description,
                                              deleted, recorded_at, updated_at, last_index)
                SELECT ? || '-' || LPAD(CAST(n AS VARCHAR), 6, '0'), ?, 'EXPENSE', 'a-bulk', n, 'EUR', DATE '2026-01-01', 'bulk', FALSE,
                       CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0
                FROM generate_series(1, ?) AS s(n)""", owner, owner, count);
        jdbc.update("INSERT INTO transaction_tag (transaction_id, tag) SELECT transaction_id, 'a' FROM transaction_view WHERE owner_id = ?", owner);
        jdbc.update("INSERT INTO transaction_tag (transaction_id, tag) SELECT transaction_id, 'b' FROM transaction_view WHERE owner_id = ?", owner);
        List<CSVRecord> rows = csv(download(owner, "/api/v1/export/transactions"));
        assertThat(rows).hasSize(count);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("tags")).isEqualTo("a;b"));
        assertThat(rows.get(count - 1).get("amount")).isEqualTo(String.format("%d.%02d", count / 100, count % 100));
    }

    private MvcResult download(String userId, String path, String... params) throws Exception {
        var request = get(path);
        for (int i = 0; i < params.length; i += 2) {
            request.param(params[i], params[i + 1]);
        }
        MvcResult started = mvc.perform(as(userId, request)).andExpect(request().asyncStarted()).andReturn();
        return mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andExpect(header().string("Cache-Control", "no-store")).andReturn();
    }

    private List<String> ids(String userId, String... params) throws Exception {
        return csv(download(userId, "/api/v1/export/transactions", params)).stream().map(r -> r.get("id")).toList();
    }

    private static List<CSVRecord> csv(MvcResult result) throws IOException {
        return csv(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> csv(String text) throws IOException {
        assertThat(text).startsWith(String.join(",", TransactionWriter.CSV_COLUMNS) + "\r\n");
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
    }

    private static Map<String, byte[]> unzip(MvcResult result) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(result.getResponse().getContentAsByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }
}
