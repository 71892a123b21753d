package dev.tally.command.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Importing bank files over HTTP: preview, record, duplicates, profiles, undo, every refusal, and nobody else's account. */
class ImportApiTest extends CommandApiTest {

    private static final Map<String, Object> MAPPING = Map.of("delimiter", ";", "date", "Buchungstag", "amount", "Betrag",
            "description", "Verwendungszweck", "merchant", "Empfänger", "dateFormat", "dd.MM.yyyy", "decimalSeparator", ",");
    private static final String NOVEMBER = """
            Buchungstag;Empfänger;Verwendungszweck;Betrag
            01.11.2026;Landlord;Rent November;-950,00
            03.11.2026;Rewe;Weekly shop;-45,10
            03.11.2026;Rewe;Weekly shop;-45,10
            04.11.2026;Employer;Salary;2.500,00
            05.11.2026;Nobody;Nothing;0,00
            """;

    TestUser alice;
    String account;
    @Autowired
    ImportJobRunner runner;

    @BeforeEach
    void aliceHasAnAccount() {
        alice = someUser();
        account = account(alice, "1000.00");
    }

    private String account(TestUser user, String opening) {
        Api.Response response = api.post("/api/v1/accounts").as(user)
                .body(Map.of("name", "Giro", "type", "BANK", "currency", "EUR", "openingBalance", opening)).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private Map<String, Object> csv(String accountId, String content) {
        Map<String, Object> body = new HashMap<>(Map.of("accountId", accountId, "format", "CSV", "content", content, "mapping", MAPPING));
        body.put("fileName", "november.csv");
        return body;
    }

    private Api.Response importing(TestUser user, Map<String, Object> body) {
        return api.post("/api/v1/imports").as(user).body(body).send();
    }

    @Test
    void aPreviewShowsWhatWouldHappenAndRecordsNothing() {
        long before = eventCount();
        Api.Response preview = api.post("/api/v1/imports/preview").as(alice).body(csv(account, NOVEMBER)).send();
        assertThat(preview.code()).as(preview.toString()).isEqualTo(200);
        JsonNode body = preview.body();
        assertThat(body.get("rows").asInt()).isEqualTo(5);
        assertThat(body.get("newRows").asInt()).as("two coffees a day are two rows").isEqualTo(4);
        assertThat(body.get("refused")).singleElement().satisfies(r -> {
            assertThat(r.get("line").asInt()).isEqualTo(6);
            assertThat(r.get("reason").asText()).isEqualTo("the amount is zero");
        });
        JsonNode rent = body.get("firstRows").get(0);
        assertThat(rent.get("type").asText()).isEqualTo("EXPENSE");
        assertThat(rent.get("amount").get("amount").asText()).isEqualTo("950.00");
        assertThat(rent.get("merchant").asText()).isEqualTo("Landlord");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void windowsLineEndsAndTabSeparatedFilesAreReadAndARowWhoseTextBreaksThePolicyIsRefusedAlone() {
        Api.Response crlf = importing(alice, csv(account, NOVEMBER.replace("\n", "\r\n")));
        assertThat(crlf.code()).as(crlf.toString()).isEqualTo(201);
        assertThat(crlf.body().get("recorded").asInt()).isEqualTo(4);

        String other = account(alice, "0");
        Map<String, Object> tabs = new HashMap<>(Map.of("accountId", other, "format", "CSV", "mapping",
                Map.of("delimiter", "\\t", "date", "date", "amount", "amount", "description", "text"),
                "content", "date\tamount\ttext\r\n2026-11-03\t-4.20\tCoffee\r\n2026-11-04\t-5.00\tBe\u0007ll\r\n"));
        Api.Response tabSeparated = importing(alice, tabs);
        assertThat(tabSeparated.code()).as(tabSeparated.toString()).isEqualTo(201);
        assertThat(tabSeparated.body().get("recorded").asInt()).isEqualTo(1);
        assertThat(tabSeparated.body().get("refused")).singleElement()
                .satisfies(r -> assertThat(r.get("reason").asText()).startsWith("the description must not contain control characters"));
        assertThat(balance(other)).isEqualTo(-4_20);
    }

    @Test
    void aDayTheCalendarDoesNotHaveIsRefusedNotMovedAndABrokenFileSaysWhyInItsOwnWords() {
        Map<String, Object> mapping = Map.of("date", "date", "amount", "amount");
        Map<String, Object> csv = new HashMap<>(Map.of("accountId", account, "format", "CSV", "mapping", mapping,
                "content", "date,amount\n2026-02-30,-5.00\n2026-04-31,-6.00\n2026-02-28,-7.00\n"));
        Api.Response days = api.post("/api/v1/imports/preview").as(alice).body(csv).send();
        assertThat(days.code()).as(days.toString()).isEqualTo(200);
        assertThat(days.body().get("newRows").asInt()).isEqualTo(1);
        assertThat(days.body().get("refused").findValuesAsText("reason"))
                .containsExactly("\"2026-02-30\" is not a date in the mapping's format", "\"2026-04-31\" is not a date in the mapping's format");
        Api.Response qif = api.post("/api/v1/imports/preview").as(alice).body(Map.of("accountId", account, "format", "QIF",
                "content", "!Type:Bank\nD02/30/2026\nT-7.00\n^\nD12/31'26\nT-1.00\n^\n")).send();
        assertThat(qif.code()).as(qif.toString()).isEqualTo(200);
        assertThat(qif.body().get("newRows").asInt()).isEqualTo(1);
        assertThat(qif.body().get("refused")).hasSize(1);

        Api.Response broken = api.post("/api/v1/imports/preview").as(alice).body(Map.of("accountId", account, "format", "CSV",
                "mapping", mapping, "content", "date,amount\n2026-11-03,\"-1.00\n")).send();
        assertThat(broken.code()).as(broken.toString()).isEqualTo(422);
        assertThat(broken.text("code")).isEqualTo("bad_file");
        assertThat(broken.text("detail")).doesNotContain("org.apache", "Exception").contains("EOF reached before encapsulated token finished");
    }

    @Test
    void aRowPastTheLargestAmountIsRefusedAndTheRestRecorded() {
        long before = eventCount();
        Api.Response imported = importing(alice, csv(account, """
                Buchungstag;Empfänger;Verwendungszweck;Betrag
                01.11.2026;Landlord;Rent November;-950,00
                02.11.2026;Mallory;Overflow;-92.233.720.368.547.758,07
                """));
        assertThat(imported.code()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.body().get("refused")).singleElement().satisfies(r -> {
            assertThat(r.get("line").asInt()).isEqualTo(3);
            assertThat(r.get("reason").asText()).isEqualTo("amount is too large: at most 9999999999999.99 EUR");
        });
        assertThat(balance(account)).isEqualTo(1000_00 - 950_00);
        assertThat(eventCount()).isGreaterThan(before);
    }

    @Test
    void eachRowIsAnOrdinaryTransactionNamingTheImportAndNothingIsRecordedTwice() {
        Api.Response first = importing(alice, csv(account, NOVEMBER));
        assertThat(first.code()).as(first.toString()).isEqualTo(201);
        String importId = first.text("importId");
        assertThat(first.body().get("recorded").asInt()).isEqualTo(4);
        assertThat(first.body().get("duplicates").asInt()).isZero();
        assertThat(first.body().get("refused")).hasSize(1);
        assertThat(balance(account)).isEqualTo(1000_00 - 950_00 - 2 * 45_10 + 2500_00);
        List<String> metaData = jdbc.sql("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE payload_type = 'dev.tally.api.expense.TransactionRecorded' "
                + "AND convert_from(payload, 'UTF8') LIKE ?").param("%" + account + "%").query(String.class).list();
        assertThat(metaData).hasSize(4).allSatisfy(m -> assertThat(m).contains("\"importId\":\"" + importId + "\""));
        assertThat(eventTypes(importId)).containsExactly("StatementImported");

        Api.Response again = importing(alice, csv(account, NOVEMBER));
        assertThat(again.code()).isEqualTo(201);
        assertThat(again.body().get("recorded").asInt()).isZero();
        assertThat(again.body().get("duplicates").asInt()).isEqualTo(4);

        String overlapping = """
                Buchungstag;Empfänger;Verwendungszweck;Betrag
                04.11.2026;Employer;Salary;2.500,00
                06.11.2026;Cinema;Tickets;-24,00
                """;
        Api.Response more = importing(alice, csv(account, overlapping));
        assertThat(more.body().get("recorded").asInt()).isEqualTo(1);
        assertThat(more.body().get("duplicates").asInt()).isEqualTo(1);
        assertThat(balance(account)).isEqualTo(1000_00 - 950_00 - 2 * 45_10 + 2500_00 - 24_00);
    }

    @Test
    void aSavedProfileReadsTheNextFile() {
        Map<String, Object> body = csv(account, NOVEMBER);
        body.put("saveProfileAs", "My bank");
        assertThat(api.post("/api/v1/imports/preview").as(alice).body(body).send().code()).isEqualTo(200);
        Map<String, Object> byProfile = new HashMap<>(Map.of("accountId", account, "format", "CSV", "content", NOVEMBER, "profile", "My bank"));
        Api.Response imported = importing(alice, byProfile);
        assertThat(imported.code()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.body().get("recorded").asInt()).isEqualTo(4);
        // profiles are per user
        TestUser bob = someUser();
        Api.Response bobs = importing(bob, new HashMap<>(Map.of("accountId", account(bob, "0"), "format", "CSV", "content", NOVEMBER, "profile", "My bank")));
        assertThat(bobs.code()).isEqualTo(422);
        assertThat(bobs.body().get("errors").get(0).get("field").asText()).isEqualTo("profile");
    }

    @Test
    void ofxIsDeduplicatedByItsOwnIds() {
        String ofx = """
                <OFX><BANKTRANLIST>
                <STMTTRN><DTPOSTED>20261103<TRNAMT>-12.00<FITID>A1<NAME>Cafe
                <STMTTRN><DTPOSTED>20261103<TRNAMT>-12.00<FITID>A2<NAME>Cafe
                </BANKTRANLIST></OFX>""";
        Api.Response first = importing(alice, Map.of("accountId", account, "format", "QFX", "content", ofx));
        assertThat(first.body().get("recorded").asInt()).as(first.toString()).isEqualTo(2);
        String later = ofx.replace("A1", "A3");
        Api.Response second = importing(alice, Map.of("accountId", account, "format", "OFX", "content", later));
        assertThat(second.body().get("recorded").asInt()).isEqualTo(1);
        assertThat(second.body().get("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    void qifImports() {
        Api.Response imported = importing(alice, Map.of("accountId", account, "format", "QIF",
                "content", "!Type:Bank\nD11/03/2026\nT-45.10\nPRewe\n^\nD11/04/2026\nT2500\nPEmployer\n^\n"));
        assertThat(imported.code()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.body().get("recorded").asInt()).isEqualTo(2);
        assertThat(balance(account)).isEqualTo(1000_00 - 45_10 + 2500_00);
    }

    @Test
    void anImportIsUndoneInOneStepAndOnlyOnce() {
        String importId = importing(alice, csv(account, NOVEMBER)).text("importId");
        TestUser bob = someUser();
        assertThat(api.post("/api/v1/imports/" + importId + "/undo").as(bob).send().code()).isEqualTo(404);

        Api.Response undone = api.post("/api/v1/imports/" + importId + "/undo").as(alice).send();
        assertThat(undone.code()).as(undone.toString()).isEqualTo(200);
        assertThat(undone.body().get("deleted").asInt()).isEqualTo(4);
        assertThat(balance(account)).isEqualTo(1000_00);
        assertThat(eventTypes(importId)).containsExactly("StatementImported", "ImportUndone");
        assertThat(api.post("/api/v1/imports/" + importId + "/undo").as(alice).send().code()).isEqualTo(409);
        // the undone rows may come in again
        assertThat(importing(alice, csv(account, NOVEMBER)).body().get("recorded").asInt()).isEqualTo(4);
    }

    @Test
    void refusalsChangeNothing() {
        long before = eventCount();
        Api.Response badFile = importing(alice, csv(account, "Datum;Betrag\n01.11.2026;-1,00\n"));
        assertThat(badFile.code()).isEqualTo(422);
        assertThat(badFile.text("code")).isEqualTo("bad_file");
        assertThat(badFile.body().get("errors").get(0).get("message").asText()).contains("no column \"Buchungstag\"");

        Api.Response badMapping = importing(alice, Map.of("accountId", account, "format", "CSV", "content", NOVEMBER,
                "mapping", Map.of("amount", "Betrag", "decimalSeparator", "x")));
        assertThat(badMapping.code()).isEqualTo(400);
        assertThat(badMapping.body().get("errors").findValuesAsText("field")).contains("mapping.date", "mapping.decimalSeparator");

        Api.Response noMapping = importing(alice, Map.of("accountId", account, "format", "CSV", "content", NOVEMBER));
        assertThat(noMapping.code()).isEqualTo(422);

        TestUser bob = someUser();
        Api.Response foreign = importing(bob, csv(account, NOVEMBER));
        assertThat(foreign.code()).isEqualTo(422);
        assertThat(foreign.body().get("errors").get(0).get("field").asText()).isEqualTo("accountId");
        assertThat(api.post("/api/v1/imports/preview").as(bob).body(csv(account, NOVEMBER)).send().code()).isEqualTo(422);

        Api.Response badFormat = importing(alice, Map.of("accountId", account, "format", "XLS", "content", NOVEMBER));
        assertThat(badFormat.code()).isEqualTo(400);
        assertThat(importing(alice, Map.of("accountId", account, "format", "QIF", "content", "D11/03/2026\n^\n")).code()).isEqualTo(422);
        assertThat(api.post("/api/v1/imports").body(csv(account, NOVEMBER)).send().code()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(before);
        assertThat(balance(account)).isEqualTo(1000_00);
    }

    /** The mapping a user keeps under {@code name}, as stored; null when there is none. */
    private String profile(TestUser user, String name) {
        return jdbc.sql("SELECT mapping FROM import_profile WHERE owner_id = ? AND name = ?").params(user.userId(), name)
                .query(String.class).optional().orElse(null);
    }

    private static Map<String, Object> mapping(String field, String value) {
        Map<String, Object> mapping = new HashMap<>(MAPPING);
        mapping.put(field, value);
        return mapping;
    }

    @Test
    void aMappingThatCannotWorkIsA400NamingItsFieldOnBothEndpointsWhateverTheFormat() {
        long before = eventCount();
        Map<String, Map<String, Object>> bad = Map.of(
                "mapping.dateFormat", new HashMap<>(Map.of("accountId", account, "format", "QIF",
                        "content", "!Type:Bank\nD1/1/2026\nT-1\n^\n", "mapping", Map.of("dateFormat", "{"))),
                "mapping.delimiter", new HashMap<>(Map.of("accountId", account, "format", "CSV", "content", NOVEMBER,
                        "mapping", mapping("delimiter", "\n"))));
        for (String path : List.of("/api/v1/imports/preview", "/api/v1/imports")) {
            bad.forEach((field, body) -> {
                body.put("saveProfileAs", "Broken");
                Api.Response refused = api.post(path).as(alice).body(body).send();
                assertThat(refused.code()).as(path + " " + refused).isEqualTo(400);
                assertThat(refused.text("code")).isEqualTo("validation_failed");
                assertThat(refused.body().get("errors").findValuesAsText("field")).as(path + " " + refused).containsExactly(field);
            });
        }
        assertThat(eventCount()).isEqualTo(before);
        assertThat(profile(alice, "Broken")).isNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_job WHERE owner_id = ?").param(alice.userId()).query(Long.class).single()).isZero();

        // a QIF file reads only the date pattern of a mapping, an OFX file none of it
        Api.Response european = api.post("/api/v1/imports/preview").as(alice).body(Map.of("accountId", account, "format", "QIF",
                "content", "!Type:Bank\nD03.11.2026\nT-45.10\n^\n", "mapping", Map.of("dateFormat", "dd.MM.yyyy"))).send();
        assertThat(european.code()).as(european.toString()).isEqualTo(200);
        assertThat(european.body().get("newRows").asInt()).isOne();
        Api.Response ofx = api.post("/api/v1/imports/preview").as(alice).body(Map.of("accountId", account, "format", "OFX",
                "content", "<OFX><STMTTRN><DTPOSTED>20261103<TRNAMT>-12.00<FITID>A1</OFX>", "mapping", Map.of("dateFormat", "{"))).send();
        assertThat(ofx.code()).as(ofx.toString()).isEqualTo(200);
    }

    @Test
    void aRefusedImportLeavesTheSavedProfileAsItWas() {
        Map<String, Object> first = csv(account, NOVEMBER);
        first.put("saveProfileAs", "My bank");
        assertThat(api.post("/api/v1/imports/preview").as(alice).body(first).send().code()).isEqualTo(200);
        String saved = profile(alice, "My bank");
        assertThat(saved).contains("Buchungstag");
        TestUser bob = someUser();
        String bobs = account(bob, "0");
        long before = eventCount();
        Map<String, Object> otherMapping = Map.of("date", "Datum", "amount", "Betrag");
        for (String path : List.of("/api/v1/imports/preview", "/api/v1/imports")) {
            for (String name : List.of("My bank", "Other bank")) {
                Map<String, Object> notMine = new HashMap<>(Map.of("accountId", bobs, "format", "CSV", "content", "Datum;Betrag\n",
                        "mapping", otherMapping, "saveProfileAs", name));
                Api.Response foreign = api.post(path).as(alice).body(notMine).send();
                assertThat(foreign.code()).as(path + " " + foreign).isEqualTo(422);
                assertThat(foreign.text("code")).isEqualTo("invalid_import");
                assertThat(foreign.body().get("errors").get(0).get("field").asText()).isEqualTo("accountId");

                Map<String, Object> badFile = new HashMap<>(Map.of("accountId", account, "format", "CSV", "content", "x",
                        "mapping", otherMapping, "saveProfileAs", name));
                Api.Response unreadable = api.post(path).as(alice).body(badFile).send();
                assertThat(unreadable.code()).as(path + " " + unreadable).isEqualTo(422);
                assertThat(unreadable.text("code")).isEqualTo("bad_file");
                assertThat(unreadable.body().get("errors").get(0).get("field").asText()).isEqualTo("content");
            }
        }
        assertThat(profile(alice, "My bank")).as("the profile as it was").isEqualTo(saved);
        assertThat(profile(alice, "Other bank")).as("no profile written").isNull();
        assertThat(eventCount()).isEqualTo(before);
        assertThat(balance(account)).isEqualTo(1000_00);
    }

    private Map<String, Object> job(String accountId, String content) {
        Map<String, Object> body = csv(accountId, content);
        body.put("background", true);
        return body;
    }

    @Test
    void aLargeImportRunsAsAJobAndReportsThroughItsEvents() {
        Api.Response started = importing(alice, job(account, NOVEMBER));
        assertThat(started.code()).as(started.toString()).isEqualTo(202);
        assertThat(started.text("state")).isEqualTo("RUNNING");
        assertThat(started.body().get("total").asInt()).isEqualTo(4);
        String importId = started.text("importId");
        assertThat(balance(account)).as("nothing yet").isEqualTo(1000_00);

        runner.work();
        assertThat(eventTypes(importId)).containsExactly("ImportStarted", "ImportProgressed", "StatementImported");
        assertThat(balance(account)).isEqualTo(1000_00 - 950_00 - 2 * 45_10 + 2500_00);
        String finished = eventJson(importId, 2);
        assertThat(finished).contains("\"recorded\":4").contains("the amount is zero");
        runner.work();
        assertThat(eventTypes(importId)).as("a finished job is not run again").hasSize(3);
        assertThat(api.post("/api/v1/imports/" + importId + "/cancel").as(alice).send().code()).isEqualTo(409);
        assertThat(api.post("/api/v1/imports/" + importId + "/undo").as(alice).send().body().get("deleted").asInt()).isEqualTo(4);
    }

    @Test
    void aJobWhoseWorkerDiedIsTakenOverFromItsLastChunkAndALiveOneIsLeftAlone() {
        String held = importing(alice, job(account, NOVEMBER)).text("importId");
        jdbc.sql("UPDATE import_job SET worker = 'other-instance', heartbeat = now() WHERE import_id = ?").param(held).update();
        runner.work();
        assertThat(eventTypes(held)).as("another live instance holds it").containsExactly("ImportStarted");

        // the other instance died after committing a chunk of the first two rows (position 2) without recording them here
        jdbc.sql("UPDATE import_job SET heartbeat = now() - interval '1 hour', position = 2 WHERE import_id = ?").param(held).update();
        runner.work();
        assertThat(eventTypes(held)).containsExactly("ImportStarted", "ImportProgressed", "StatementImported");
        assertThat(balance(account)).as("only the rows after the last chunk").isEqualTo(1000_00 - 45_10 + 2500_00);
    }

    @Test
    void aCancelledJobLeavesNothingBehind() {
        String importId = importing(alice, job(account, NOVEMBER)).text("importId");
        TestUser bob = someUser();
        assertThat(api.post("/api/v1/imports/" + importId + "/cancel").as(bob).send().code()).isEqualTo(404);
        Api.Response cancelling = api.post("/api/v1/imports/" + importId + "/cancel").as(alice).send();
        assertThat(cancelling.code()).as(cancelling.toString()).isEqualTo(202);
        runner.work();
        assertThat(eventTypes(importId)).containsExactly("ImportStarted", "ImportCancelled");
        assertThat(balance(account)).isEqualTo(1000_00);
        assertThat(api.post("/api/v1/imports/" + importId + "/cancel").as(alice).send().code()).isEqualTo(409);
        assertThat(api.post("/api/v1/imports/" + importId + "/undo").as(alice).send().code()).isEqualTo(409);
        assertThat(importing(alice, csv(account, NOVEMBER)).body().get("recorded").asInt()).as("its rows may come in again").isEqualTo(4);
    }

    @Test
    void aBadFileIsRefusedBeforeAJobStarts() {
        long before = eventCount();
        Api.Response bad = importing(alice, job(account, "Datum;Betrag\n01.11.2026;-1,00\n"));
        assertThat(bad.code()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_job WHERE owner_id = ?").param(alice.userId()).query(Long.class).single()).isZero();
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstImportAndRecordsNothing() {
        Api.Response first = api.post("/api/v1/imports").as(alice).idempotencyKey("november-1").body(csv(account, NOVEMBER)).send();
        assertThat(first.code()).as(first.toString()).isEqualTo(201);
        long after = eventCount();

        Api.Response again = api.post("/api/v1/imports").as(alice).idempotencyKey("november-1").body(csv(account, NOVEMBER)).send();
        assertThat(again.code()).as(again.toString()).isEqualTo(201);
        assertThat(again.headers().getLocation()).isEqualTo(first.headers().getLocation());
        assertThat(again.body()).as("the first answer, not a second import of duplicates").isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(after);

        Map<String, Object> other = csv(account, NOVEMBER);
        other.put("fileName", "december.csv");
        Api.Response reused = api.post("/api/v1/imports").as(alice).idempotencyKey("november-1").body(other).send();
        assertThat(reused.code()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
        Api.Response unusable = api.post("/api/v1/imports").as(alice).idempotencyKey(" ").body(csv(account, NOVEMBER)).send();
        assertThat(unusable.code()).isEqualTo(400);
        assertThat(unusable.body().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(eventCount()).isEqualTo(after);
        assertThat(balance(account)).isEqualTo(1000_00 - 950_00 - 2 * 45_10 + 2500_00);

        // keys are per user: bob's identical key is his own request
        TestUser bob = someUser();
        Api.Response bobs = api.post("/api/v1/imports").as(bob).idempotencyKey("november-1").body(csv(account(bob, "0"), NOVEMBER)).send();
        assertThat(bobs.code()).as(bobs.toString()).isEqualTo(201);
        assertThat(bobs.text("importId")).isNotEqualTo(first.text("importId"));
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstUndoAndTheFirstJob() {
        String importId = importing(alice, csv(account, NOVEMBER)).text("importId");
        Api.Response undone = api.post("/api/v1/imports/" + importId + "/undo").as(alice).idempotencyKey("undo-1").send();
        assertThat(undone.code()).as(undone.toString()).isEqualTo(200);
        long after = eventCount();
        Api.Response again = api.post("/api/v1/imports/" + importId + "/undo").as(alice).idempotencyKey("undo-1").send();
        assertThat(again.code()).as("not 409: the first answer").isEqualTo(200);
        assertThat(again.body().get("deleted").asInt()).isEqualTo(4);
        assertThat(eventCount()).isEqualTo(after);
        String another = importing(alice, csv(account, NOVEMBER)).text("importId");
        assertThat(api.post("/api/v1/imports/" + another + "/undo").as(alice).idempotencyKey("undo-1").send().text("code"))
                .isEqualTo("idempotency_key_reused");
        assertThat(eventTypes(another)).containsExactly("StatementImported");

        Api.Response started = api.post("/api/v1/imports").as(alice).idempotencyKey("job-1").body(job(account, NOVEMBER)).send();
        assertThat(started.code()).as(started.toString()).isEqualTo(202);
        Api.Response startedAgain = api.post("/api/v1/imports").as(alice).idempotencyKey("job-1").body(job(account, NOVEMBER)).send();
        assertThat(startedAgain.code()).isEqualTo(202);
        assertThat(startedAgain.text("importId")).isEqualTo(started.text("importId"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM import_job WHERE owner_id = ?").param(alice.userId()).query(Long.class).single()).isOne();

        String job = started.text("importId");
        assertThat(api.post("/api/v1/imports/" + job + "/cancel").as(alice).idempotencyKey("cancel-1").send().code()).isEqualTo(202);
        runner.work();
        assertThat(eventTypes(job)).containsExactly("ImportStarted", "ImportCancelled");
        assertThat(api.post("/api/v1/imports/" + job + "/cancel").as(alice).idempotencyKey("cancel-1").send().code())
                .as("the first answer, though the job has stopped since").isEqualTo(202);
        assertThat(api.post("/api/v1/imports/" + job + "/cancel").as(alice).send().code()).as("without the key").isEqualTo(409);
    }
}
