package dev.tally.query;

import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import dev.tally.query.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import static dev.tally.query.support.Domain.expense;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Findings 1, 5 and 8 on the read side: query text PostgreSQL cannot hold, days past the calendar, unknown users; and
 * days, months, instants and cursor ids that PostgreSQL cannot hold, which were 500s.
 */
class QueryInputTest extends QueryTestBase {

    @Test
    void aControlCharacterInAQueryParameterIs400NamingIt() throws Exception {
        String user = id("user");
        mvc.perform(as(user, get("/api/v1/transactions").param("q", "rewe\u0000"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed")).andExpect(jsonPath("$.errors[0].field").value("q"));
        mvc.perform(as(user, get("/api/v1/transactions").param("tag", "\u001b[2J"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("tag"));
        mvc.perform(as(user, get("/api/v1/transactions").param("q", "caf\u00e9"))).andExpect(status().isOk());
    }

    @Test
    void anAsOfPastTheCalendarIs400NotA500() throws Exception {
        Domain d = new Domain(events());
        String user = d.user("Ada", "Europe/Berlin");
        String account = d.account(user, "Main", "10.00");
        awaitProjected();
        for (String asOf : new String[]{"+999999999-12-31", "2026-13-01", "yesterday"}) {
            mvc.perform(as(user, get("/api/v1/audit/account/{id}/state", account).param("asOf", asOf)))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("asOf"));
        }
        mvc.perform(as(user, get("/api/v1/audit/account/{id}/state", account).param("asOf", "2026-11-20"))).andExpect(status().isOk());
    }

    @Test
    void aWellSignedTokenOfNoSessionReadsNothing() throws Exception {
        String user = id("user");
        String token = TestKeys.token(user);
        jdbc.update("DELETE FROM user_session WHERE user_id = ?", user); // as if the command side never started it
        mvc.perform(get("/api/v1/accounts").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    /** Days, months and instants in parameters and in decoded cursors: years 0001 to 9999, else 400 before any query. */
    @Test
    void daysMonthsAndInstantsOutsideTheYears0001To9999Are400NamingTheParameter() throws Exception {
        Domain d = new Domain(events());
        String user = d.user("Ada", "Europe/Berlin");
        String account = d.account(user, "Main", "10.00");
        d.record(user, expense(account, "1.00", null, LocalDate.of(2026, 11, 3), "Bus", null, List.of()));
        awaitProjected();
        Object[][] cases = {
                {get("/api/v1/transactions").param("from", "+10000000-01-01"), "from"},
                {get("/api/v1/transactions").param("to", "+10000-01-01"), "to"},
                {get("/api/v1/transactions").param("from", "0000-12-31"), "from"},
                {get("/api/v1/transactions").param("sort", "date").param("cursor", cursor("+10000000-01-01", "x")), "cursor"},
                {get("/api/v1/transactions").param("sort", "-recordedAt").param("cursor", cursor("+300000-01-01T00:00:00Z", "x")), "cursor"},
                {get("/api/v1/dashboard").param("month", "+10000000-01"), "month"},
                {get("/api/v1/dashboard").param("from", "+10000000-01-01").param("to", "+10000000-01-02"), "from"},
                {get("/api/v1/notifications").param("cursor", cursor("+300000-01-01T00:00:00Z", "x")), "cursor"},
                // refused before the 200 and its headers, not as a download that ends short
                {get("/api/v1/export/transactions").param("from", "+10000000-01-01"), "from"},
                {get("/api/v1/export/transactions").param("to", "+10000000-01-01"), "to"},
        };
        for (Object[] c : cases) {
            mvc.perform(as(user, (MockHttpServletRequestBuilder) c[0])).andExpect(request().asyncNotStarted())
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:tally:problem:validation_failed"))
                    .andExpect(jsonPath("$.code").value("validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value(c[1]));
        }
        // the edges are ordinary days
        mvc.perform(as(user, get("/api/v1/transactions").param("from", "0001-01-01").param("to", "9999-12-31")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1));
        mvc.perform(as(user, get("/api/v1/dashboard").param("month", "9999-12"))).andExpect(status().isOk());
    }

    /** Past 9999 Axon writes a year of five digits, which sorted as text before every snapshot: 400, like the days above. */
    @Test
    void auditMomentsOutsideTheYears0001To9999Are400() throws Exception {
        Domain d = new Domain(events());
        String user = d.user("Ada", "Europe/Berlin");
        String account = d.account(user, "Main", "10.00");
        awaitProjected();
        Object[][] cases = {
                {get("/api/v1/audit/account/{id}/events", account).param("from", "+10000-01-01T00:00:00Z"), "from"},
                {get("/api/v1/audit/account/{id}/events", account).param("to", "+10000-01-01"), "to"},
                {get("/api/v1/audit/account/{id}/state", account).param("asOf", "+10000-01-01T00:00:00Z"), "asOf"},
                {get("/api/v1/audit/account/{id}/state", account).param("asOf", "-0001-06-01T00:00:00Z"), "asOf"},
        };
        for (Object[] c : cases) {
            mvc.perform(as(user, (MockHttpServletRequestBuilder) c[0])).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.type").value("urn:tally:problem:validation_failed"))
                    .andExpect(jsonPath("$.errors[0].field").value(c[1]));
        }
        mvc.perform(as(user, get("/api/v1/audit/account/{id}/state", account).param("asOf", "9999-12-31T23:59:59Z")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.state.balance.amount").value("10.00"));
        mvc.perform(as(user, get("/api/v1/audit/account/{id}/events", account).param("from", "0001-01-01T00:00:00Z")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.items.length()").value(1));
    }

    /** A cursor's id is used in SQL: one that is not the shape of an id (a NUL the driver refuses, escapes) is a bad cursor. */
    @Test
    void aCursorWhoseIdIsNoIdIs400() throws Exception {
        String user = id("user");
        mvc.perform(as(user, get("/api/v1/transactions").param("cursor", "MjAyNi0xMS0wMwoA"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:tally:problem:validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("cursor"));
        for (String bad : new String[]{"\u0000", "t-1\u001b[2J", "t 1", "t\u00e9", "x".repeat(65)}) {
            mvc.perform(as(user, get("/api/v1/transactions").param("cursor", cursor("2026-11-03", bad)))).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("cursor"));
            mvc.perform(as(user, get("/api/v1/notifications").param("cursor", cursor("2026-11-03T00:00:00Z", bad))))
                    .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("cursor"));
        }
        mvc.perform(as(user, get("/api/v1/transactions").param("cursor", cursor("2026-11-03", "t-" + java.util.UUID.randomUUID()))))
                .andExpect(status().isOk());
    }

    /** The input rules promise query text in NFC: a decomposed é (e and U+0301) finds what was stored composed. */
    @Test
    void queryTextReachesTheHandlersInNfc() throws Exception {
        Domain d = new Domain(events());
        String user = d.user("Ada", "Europe/Berlin");
        String account = d.account(user, "Main", "10.00");
        String cafe = d.record(user, expense(account, "3.20", null, LocalDate.of(2026, 11, 3), "Caf\u00e9 au lait", null, List.of("caf\u00e9")));
        d.record(user, expense(account, "1.00", null, LocalDate.of(2026, 11, 4), "Cafeteria", null, List.of("cafe")));
        awaitProjected();
        mvc.perform(as(user, get("/api/v1/transactions").param("q", "cafe\u0301"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1)).andExpect(jsonPath("$.items[0].id").value(cafe));
        mvc.perform(as(user, get("/api/v1/transactions").param("tag", "cafe\u0301"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.items.length()").value(1)).andExpect(jsonPath("$.items[0].id").value(cafe));
    }

    private static String cursor(String value, String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((value + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }
}
