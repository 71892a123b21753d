package dev.tally.command.identity;

import dev.tally.command.category.DefaultCategories;
import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationApiTest extends CommandApiTest {

    @Autowired
    private Credentials credentials;
    @Autowired
    private TransactionTemplate transaction;

    private Api.Response register(Map<String, Object> body) {
        return api.post("/api/v1/auth/register").body(body).send();
    }

    private static Map<String, Object> valid(String email) {
        return new HashMap<>(Map.of("email", email, "password", RealUsers.PASSWORD, "displayName", "Alice", "timeZone", "Europe/Paris"));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = valid(RealUsers.newEmail());
        if (value == null) {
            body.remove(field);
        } else {
            body.put(field, value);
        }
        return body;
    }

    private long credentialCount() {
        return jdbc.sql("SELECT COUNT(*) FROM user_credentials").query(Long.class).single();
    }

    @Test
    void registersWithoutTokensThenSignsInAndKeepsCredentialsOutOfTheEvents() {
        String email = RealUsers.newEmail();
        Api.Response response = register(valid("  " + email.toUpperCase() + " "));

        assertThat(response.code()).as(response.toString()).isEqualTo(202);
        assertThat(response.text("next")).isEqualTo("sign_in");
        assertThat(response.text("accessToken")).isNull();
        assertThat(response.text("refreshToken")).isNull();
        Api.Response signedIn = api.post("/api/v1/auth/login").body(Map.of("email", email, "password", RealUsers.PASSWORD)).send();
        assertThat(signedIn.code()).isEqualTo(200);
        String userId = signedIn.body().path("user").path("id").asText();
        assertThat(signedIn.body().path("user").path("displayName").asText()).isEqualTo("Alice");
        assertThat(signedIn.body().path("user").path("timeZone").asText()).isEqualTo("Europe/Paris");
        response = signedIn;

        assertThat(eventTypes(userId)).containsExactly("UserRegistered");
        String payload = new String(jdbc.sql("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(userId).query(byte[].class).single());
        assertThat(payload).doesNotContain("Alice").contains("\"displayName\":\"enc1:"); // personal: stored encrypted
        assertThat(eventJson(userId, 0)).contains("Alice").contains("Europe/Paris");
        assertThat(payload).contains("Europe/Paris")
                .doesNotContain(email).doesNotContain("pbkdf2").doesNotContain(RealUsers.PASSWORD);
        assertThat(new String(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(userId).query(byte[].class).single())).contains("\"userId\":\"" + userId + "\"");

        Map<String, Object> row = jdbc.sql("SELECT email, password_hash, display_name, time_zone FROM user_credentials WHERE user_id = ?")
                .param(userId).query().singleRow();
        assertThat(row.get("email")).isEqualTo(email);
        assertThat((String) row.get("password_hash")).startsWith("{pbkdf2@SpringSecurity_v5_8}").doesNotContain(RealUsers.PASSWORD);

        // the token is good for the rest of the API
        assertThat(api.post("/api/v1/accounts").token(response.text("accessToken"))
                .body(Map.of("name", "Wallet", "type", "CASH", "currency", "EUR")).send().code()).isEqualTo(201);
    }

    @Test
    void aNewUserHasTheDefaultCategoriesAndOnlyTheirOwn() {
        RegisteredUser alice = RealUsers.register(api, RealUsers.newEmail(), "Alice");
        RegisteredUser bob = RealUsers.register(api, RealUsers.newEmail(), "Bob");

        List<String> names = jdbc.sql("SELECT name FROM category_directory WHERE owner_id = ? ORDER BY name")
                .param(alice.userId()).query(String.class).list();
        List<String> expected = Stream.concat(DefaultCategories.SPENDING.stream(), DefaultCategories.EARNING.stream()).sorted().toList();
        assertThat(names).isEqualTo(expected);
        DefaultCategories.forUser(alice.userId()).forEach(category ->
                assertThat(eventTypes(category.categoryId())).containsExactly("CategoryCreated"));
        assertThat(new String(jdbc.sql("SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ?")
                .param(DefaultCategories.forUser(alice.userId()).get(0).categoryId()).query(byte[].class).single()))
                .contains("\"userId\":\"" + alice.userId() + "\"");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM category_directory WHERE owner_id = ?").param(bob.userId()).query(Long.class).single())
                .isEqualTo(expected.size());
        // a default category is a real one: the user can rename it
        String groceries = DefaultCategories.forUser(alice.userId()).get(0).categoryId();
        assertThat(api.patch("/api/v1/categories/" + groceries).token(alice.accessToken()).ifMatch(0)
                .body(Map.of("name", "Food")).send().code()).isEqualTo(200);
        assertThat(api.patch("/api/v1/categories/" + groceries).token(bob.accessToken())
                .body(Map.of("name", "Mine")).send().code()).isEqualTo(404);
    }

    @Test
    void aFailureWhileCreatingTheDefaultCategoriesUndoesTheWholeRegistration() {
        jdbc.sql("""
                CREATE OR REPLACE FUNCTION refuse_test_categories() RETURNS trigger AS $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM user_credentials WHERE user_id = NEW.owner_id AND email LIKE 'refuse-categories-%') THEN
                    RAISE EXCEPTION 'test: the category directory refuses this owner';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""").update();
        jdbc.sql("CREATE TRIGGER refuse_test_categories BEFORE INSERT ON category_directory FOR EACH ROW EXECUTE FUNCTION refuse_test_categories()").update();
        try {
            long events = eventCount();
            long credentials = credentialCount();
            long categories = jdbc.sql("SELECT COUNT(*) FROM category_directory").query(Long.class).single();

            Api.Response response = register(valid("refuse-categories-" + RealUsers.newEmail()));

            assertThat(response.code()).isEqualTo(500);
            assertThat(response.text("code")).isEqualTo("internal_error");
            assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("refuses");
            assertThat(eventCount()).isEqualTo(events);
            assertThat(credentialCount()).isEqualTo(credentials);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM category_directory").query(Long.class).single()).isEqualTo(categories);
        } finally {
            jdbc.sql("DROP TRIGGER refuse_test_categories ON category_directory").update();
            jdbc.sql("DROP FUNCTION refuse_test_categories()").update();
        }
        // the guard is gone: the same kind of registration now succeeds (so the failure above came from the trigger)
        assertThat(register(valid("refuse-categories-" + RealUsers.newEmail())).code()).isEqualTo(202);
    }

    @Test
    void refusesEachBadFieldByNameAndStoresNothing() {
        long events = eventCount();
        long credentials = credentialCount();
        Map<String, Object[]> cases = new java.util.LinkedHashMap<>();
        cases.put("email", new Object[]{null, " ", "not-an-email", "a@b", "two@@example.com", "x".repeat(250) + "@example.com"});
        cases.put("password", new Object[]{null, "", "short1!", "x".repeat(129), "1234567890", "Password123", "aaaaaaaaaaaa",
                "abababababab", "abcdefghijkl"});
        cases.put("displayName", new Object[]{null, "  ", "x".repeat(81), "Al\u0000ice"});
        cases.put("timeZone", new Object[]{"Mars/Olympus_Mons", "GMT+25"});
        cases.forEach((field, values) -> {
            for (Object value : values) {
                Api.Response response = register(with(field, value));
                assertThat(response.code()).as(field + "=" + value + ": " + response).isEqualTo(400);
                assertThat(response.headers().getContentType()).hasToString("application/problem+json");
                assertThat(response.text("code")).isEqualTo("validation_failed");
                assertThat(response.body().path("errors").findValuesAsText("field")).as(field + "=" + value).containsExactly(field);
            }
        });

        Api.Response containsEmail = register(Map.of("email", "margaret@example.com", "password", "Margaret-is-great",
                "displayName", "M", "timeZone", "UTC"));
        assertThat(containsEmail.body().path("errors").findValuesAsText("field")).containsExactly("password");
        assertThat(containsEmail.toString()).doesNotContain("Margaret-is-great");

        Api.Response everything = register(Map.of("email", "nope", "password", "short", "displayName", "", "timeZone", "Nowhere/Town"));
        assertThat(everything.body().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("email", "password", "displayName", "timeZone");

        assertThat(register(Map.of()).code()).isEqualTo(400);
        assertThat(api.post("/api/v1/auth/register").body("{not json").send().code()).isEqualTo(400);

        assertThat(eventCount()).isEqualTo(events);
        assertThat(credentialCount()).isEqualTo(credentials);
    }

    @Test
    void aHomeCurrencyGivenAtRegistrationIsRecordedAsSettingItWouldBe() {
        Map<String, Object> body = valid(RealUsers.newEmail());
        body.put("homeCurrency", "CHF");
        Api.Response response = register(body);
        assertThat(response.code()).as(response.toString()).isEqualTo(202);
        String userId = api.post("/api/v1/auth/login").body(Map.of("email", body.get("email"), "password", RealUsers.PASSWORD)).send()
                .body().path("user").path("id").asText();
        assertThat(eventTypes(userId)).containsExactly("UserRegistered", "HomeCurrencyChanged");
        assertThat(eventJson(userId, 1)).contains("\"currency\":\"CHF\"");

        Map<String, Object> without = valid(RealUsers.newEmail());
        assertThat(register(without).code()).isEqualTo(202);
        String other = api.post("/api/v1/auth/login").body(Map.of("email", without.get("email"), "password", RealUsers.PASSWORD)).send()
                .body().path("user").path("id").asText();
        assertThat(eventTypes(other)).as("without one, as before").containsExactly("UserRegistered");
    }

    @Test
    void aHomeCurrencyThatIsNoCurrencyIsRefusedAsThePutRefusesItAndNothingIsStored() {
        long events = eventCount();
        long credentials = credentialCount();
        for (String malformed : new String[]{"chf", "", "EURO"}) {
            Api.Response response = register(with("homeCurrency", malformed));
            assertThat(response.code()).as(malformed + ": " + response).isEqualTo(400);
            assertThat(response.body().path("errors").findValuesAsText("field")).containsExactly("homeCurrency");
        }
        Api.Response unknown = register(with("homeCurrency", "ABC"));
        assertThat(unknown.code()).as(unknown.toString()).isEqualTo(422);
        assertThat(unknown.text("code")).isEqualTo("unknown_currency");
        assertThat(unknown.body().path("errors").findValuesAsText("field")).containsExactly("homeCurrency");
        assertThat(register(with("homeCurrency", "XAU")).code()).as("gold is no currency of money").isEqualTo(422);
        assertThat(eventCount()).isEqualTo(events);
        assertThat(credentialCount()).isEqualTo(credentials);

        // a taken email with a bad currency is refused alike: the answer does not say it is taken
        String taken = RealUsers.newEmail();
        RealUsers.register(api, taken, "Alice");
        long afterAlice = eventCount();
        Map<String, Object> again = valid(taken);
        again.put("homeCurrency", "ABC");
        assertThat(register(again).text("code")).isEqualTo("unknown_currency");
        assertThat(eventCount()).isEqualTo(afterAlice);
        assertThat(credentialCount()).isEqualTo(credentials + 1);
    }

    @Test
    void acceptsTheLimitsAndDefaultsTheTimeZoneToUtc() {
        String longest = "Grüße aus Köln, ".repeat(8); // 128 characters, more than 128 bytes
        assertThat(longest.codePointCount(0, longest.length())).isEqualTo(128);
        Map<String, Object> body = with("timeZone", null);
        body.put("password", longest);
        body.put("displayName", "x".repeat(80));
        Api.Response response = register(body);
        assertThat(response.code()).as(response.toString()).isEqualTo(202);
        Api.Response signedIn = api.post("/api/v1/auth/login").body(Map.of("email", body.get("email"), "password", longest)).send();
        assertThat(signedIn.code()).isEqualTo(200);
        assertThat(signedIn.body().path("user").path("timeZone").asText()).isEqualTo("UTC");
    }

    /** Finding 7: registering must not say whether an email has an account, by its answer or by its time. */
    @Test
    void aTakenEmailGetsTheSameAnswerAsANewOneAndStoresNothing() {
        String email = RealUsers.newEmail();
        RealUsers.register(api, email, "Alice");
        long events = eventCount();
        long credentials = credentialCount();

        Api.Response again = register(Map.of("email", " " + email.toUpperCase(), "password", "another long passphrase",
                "displayName", "Mallory", "timeZone", "UTC"));
        Api.Response fresh = register(valid(RealUsers.newEmail()));

        assertThat(again.code()).isEqualTo(202);
        assertThat(again.body()).isEqualTo(fresh.body());
        assertThat(again.headers().getContentType()).isEqualTo(fresh.headers().getContentType());
        assertThat(eventCount()).isEqualTo(events + 1 + DefaultCategories.forUser("x").size()); // only the fresh registration
        assertThat(credentialCount()).isEqualTo(credentials + 1);
        // the account is untouched: its own password still signs in, the second registrant's does not
        assertThat(api.post("/api/v1/auth/login").body(Map.of("email", email, "password", RealUsers.PASSWORD)).send().code()).isEqualTo(200);
        assertThat(api.post("/api/v1/auth/login").body(Map.of("email", email, "password", "another long passphrase")).send().code())
                .isEqualTo(401);
    }

    /** Both answers cost a password hash and about the time of storing an account: medians within a factor of two. */
    @Test
    void aTakenEmailTakesAboutAsLongAsANewOne() {
        String taken = RealUsers.newEmail();
        RealUsers.register(api, taken, "Alice");
        long[] newOnes = new long[5];
        long[] takenOnes = new long[5];
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            assertThat(register(valid(RealUsers.newEmail())).code()).isEqualTo(202);
            newOnes[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            assertThat(register(valid(taken)).code()).isEqualTo(202);
            takenOnes[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(newOnes);
        java.util.Arrays.sort(takenOnes);
        assertThat((double) takenOnes[2]).as("median ns, taken vs new").isBetween(newOnes[2] / 2.0, newOnes[2] * 2.0);
    }

    /** Two registrations racing past the early check: the table's unique email decides, and the loser gets EmailTaken (answered as a new registration). */
    @Test
    void theUniqueEmailSettlesARaceThePreCheckCannotSee() {
        String email = RealUsers.newEmail();
        transaction.executeWithoutResult(status ->
                credentials.add(new Credentials.Credential("race-1-" + email, email, "{noop}x", "One", "UTC")));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status ->
                credentials.add(new Credentials.Credential("race-2-" + email, email, "{noop}x", "Two", "UTC"))))
                .isInstanceOf(EmailTaken.class);
        assertThat(jdbc.sql("SELECT user_id FROM user_credentials WHERE email = ?").param(email).query(String.class).list())
                .containsExactly("race-1-" + email);
    }
}
