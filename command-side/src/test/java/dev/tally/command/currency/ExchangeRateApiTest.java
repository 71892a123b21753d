package dev.tally.command.currency;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's rates feed: a file or a day, loaded once however often it is sent, and only with the admin token. */
class ExchangeRateApiTest extends CommandApiTest {

    private static final String TOKEN = "test-rates-token";
    private static final String FILE = """
            Date,USD,JPY,GBP,
            2031-02-03,1.0856,162.35,0.8571,
            2031-02-02,1.0821,161.9,N/A,
            """;

    private Api.Response loadFile(String token, String file) {
        Api.Call call = api.post("/admin/exchange-rates").body("text/csv", file);
        return (token == null ? call : call.header("X-Admin-Token", token)).send();
    }

    private long rateEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier LIKE 'exchange-rates-2031-%'")
                .query(Long.class).single();
    }

    @Test
    void aFileLoadsOnceHoweverOftenItIsSent() {
        Api.Response first = loadFile(TOKEN, FILE);
        assertThat(first.code()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("days").asInt()).isEqualTo(2);
        assertThat(first.body().path("ratesRecorded").asInt()).isEqualTo(5);
        long events = rateEvents();
        assertThat(events).isEqualTo(2);

        Api.Response again = loadFile(TOKEN, FILE);
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body().path("changedDays").asInt()).isZero();
        assertThat(again.body().path("ratesRecorded").asInt()).isZero();
        assertThat(rateEvents()).isEqualTo(events);
        assertThat(jdbc.sql("SELECT DISTINCT convert_from(meta_data, 'UTF8') LIKE '%\"userId\":\"operator\"%' FROM domain_event_entry "
                + "WHERE aggregate_identifier = 'exchange-rates-2031-02-03'").query(Boolean.class).single()).as("the audit names the operator").isTrue();
    }

    @Test
    void oneDayThroughJsonRecordsOnlyWhatChanged() {
        Map<String, Object> day = Map.of("date", "2031-03-01", "rates", Map.of("USD", "1.10", "CHF", "0.95"));
        Api.Response first = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN).body(day).send();
        assertThat(first.code()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("ratesRecorded").asInt()).isEqualTo(2);
        Api.Response corrected = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN)
                .body(Map.of("date", "2031-03-01", "rates", Map.of("USD", "1.11", "CHF", "0.950"))).send();
        assertThat(corrected.body().path("ratesRecorded").asInt()).isEqualTo(1);
        assertThat(eventTypes(ExchangeRateDay.idOf(java.time.LocalDate.of(2031, 3, 1))))
                .containsExactly("ExchangeRatesPublished", "ExchangeRatesPublished");
    }

    @Test
    void withoutTheAdminTokenTheEndpointDoesNotExist() {
        long before = eventCount();
        TestUser user = someUser();
        assertThat(loadFile(null, FILE).code()).isEqualTo(404);
        assertThat(loadFile("wrong", FILE).code()).isEqualTo(404);
        assertThat(api.post("/admin/exchange-rates").as(user).body("text/csv", FILE).send().code()).as("a user's token").isEqualTo(404);
        assertThat(api.post("/admin/exchange-rates").as(user).body("{not json").send().code()).isEqualTo(404);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void aBadFileIsRefusedWholeAndNothingIsLoaded() {
        long before = eventCount();
        Api.Response duplicate = loadFile(TOKEN, "Date,USD,\n2032-01-02,1.08,\n2032-01-02,1.09,\n");
        assertThat(duplicate.code()).isEqualTo(422);
        assertThat(duplicate.text("code")).isEqualTo("bad_file");
        assertThat(duplicate.text("detail")).contains("line 3: 2032-01-02 appears twice");
        Api.Response malformed = loadFile(TOKEN, "Date,USD,\n2032-01-03,1.08,\n2032-01-04,abc,\n");
        assertThat(malformed.code()).isEqualTo(422);
        assertThat(malformed.text("detail")).contains("line 3: USD's rate abc");
        assertThat(eventCount()).as("not even the good first line").isEqualTo(before);
    }

    @Test
    void aFileWhoseLaterDayBreaksARateRuleRecordsNoneOfItsDays() {
        long before = eventCount();
        Api.Response zero = loadFile(TOKEN, "Date,USD,\n2032-03-02,1.08,\n2032-03-03,0,\n");
        assertThat(zero.code()).as(zero.toString()).isEqualTo(422);
        assertThat(zero.text("code")).isEqualTo("bad_rate");
        Api.Response base = loadFile(TOKEN, "Date,USD,EUR,\n2032-03-04,1.08,N/A,\n2032-03-05,1.09,1,\n");
        assertThat(base.code()).as(base.toString()).isEqualTo(422);
        assertThat(base.text("code")).isEqualTo("bad_rate");
        Api.Response unknown = loadFile(TOKEN, "Date,USD,XAU,\n2032-03-06,1.08,N/A,\n2032-03-07,1.09,1800,\n");
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.text("code")).isEqualTo("unknown_currency");
        assertThat(eventCount()).as("the good days before the bad one stay unrecorded").isEqualTo(before);
    }

    @Test
    void refusesAnUnknownCurrencyOrABadRate() {
        long before = eventCount();
        Api.Response unknown = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN)
                .body(Map.of("date", "2032-02-01", "rates", Map.of("ABC", "1.2"))).send();
        assertThat(unknown.code()).isEqualTo(422);
        assertThat(unknown.text("code")).isEqualTo("unknown_currency");
        Api.Response zero = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN)
                .body(Map.of("date", "2032-02-01", "rates", Map.of("USD", "0"))).send();
        assertThat(zero.code()).isEqualTo(422);
        assertThat(zero.text("code")).isEqualTo("bad_rate");
        Api.Response notANumber = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN)
                .body(Map.of("date", "2032-02-01", "rates", Map.of("USD", "1,2"))).send();
        assertThat(notANumber.code()).isEqualTo(422);
        assertThat(notANumber.text("code")).isEqualTo("bad_rate");
        assertThat(notANumber.text("detail")).isEqualTo("USD's rate must be a decimal string such as \"1.0856\"; got 1,2");
        Api.Response noDate = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN)
                .body(Map.of("rates", Map.of("USD", "1.2"))).send();
        assertThat(noDate.code()).isEqualTo(400);
        Api.Response notJson = api.post("/admin/exchange-rates").header("X-Admin-Token", TOKEN).body("{\"date\":").send();
        assertThat(notJson.code()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(before);
    }
}
