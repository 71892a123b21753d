package dev.tally.query;

import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import dev.tally.query.support.TestKeys;
import org.junit.jupiter.api.Test;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Findings 1, 5 and 8 on the read side: query text PostgreSQL cannot hold, days past the calendar, unknown users. */
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
}
