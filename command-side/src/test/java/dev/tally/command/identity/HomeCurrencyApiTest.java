package dev.tally.command.identity;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** PUT /me/home-currency: recorded on the user once, refused when it is no currency, and only ever the caller's own. */
class HomeCurrencyApiTest extends CommandApiTest {

    private Api.Response set(TestUser user, Object currency) {
        return api.put("/api/v1/me/home-currency").as(user).body(currency == null ? Map.of() : Map.of("currency", currency)).send();
    }

    @Test
    void setsTheCallersHomeCurrencyOnce() {
        TestUser alice = registerAndLogIn();
        TestUser bob = registerAndLogIn();
        Api.Response set = set(alice, "CHF");
        assertThat(set.code()).as(set.toString()).isEqualTo(200);
        assertThat(set.text("currency")).isEqualTo("CHF");
        assertThat(set(alice, "CHF").code()).isEqualTo(200);
        assertThat(eventTypes(alice.userId())).containsOnlyOnce("HomeCurrencyChanged");
        assertThat(eventTypes(bob.userId())).as("another user's is untouched").doesNotContain("HomeCurrencyChanged");
    }

    @Test
    void refusesWhatIsNoCurrencyAndRecordsNothing() {
        TestUser alice = registerAndLogIn();
        assertThat(set(alice, "chf").code()).isEqualTo(400);
        assertThat(set(alice, null).code()).isEqualTo(400);
        Api.Response unknown = set(alice, "ABC");
        assertThat(unknown.code()).isEqualTo(422);
        assertThat(unknown.text("code")).isEqualTo("unknown_currency");
        assertThat(set(alice, "XAU").code()).as("gold is no currency of money").isEqualTo(422);
        assertThat(eventTypes(alice.userId())).doesNotContain("HomeCurrencyChanged");
        assertThat(api.put("/api/v1/me/home-currency").body(Map.of("currency", "CHF")).send().code()).isEqualTo(401);
    }
}
