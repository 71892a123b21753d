package dev.tally.command.budget;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetApiTest extends CommandApiTest {

    private TestUser alice;
    private String food;

    @BeforeEach
    void aliceWithAFoodCategory() {
        alice = someUser();
        food = category(alice, "Food", "EXPENSE");
    }

    private Map<String, Object> groceries() {
        return new HashMap<>(Map.of("name", "Groceries", "categoryId", food, "period", "MONTHLY", "limit", "400.00", "currency", "EUR"));
    }

    private Map<String, Object> groceriesWith(String field, Object value) {
        Map<String, Object> body = groceries();
        body.put(field, value);
        return body;
    }

    private Api.Response create(TestUser user, Object body) {
        return api.post("/api/v1/budgets").as(user).body(body).send();
    }

    private String createGroceries(TestUser user) {
        Api.Response response = create(user, groceries());
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private String storedPayload(String budgetId, int sequence) {
        return eventJson(budgetId, sequence);
    }

    private static List<String> fields(Api.Response response) {
        return response.body().path("errors").findValuesAsText("field");
    }

    @Test
    void createsABudgetAsAStoredEvent() {
        Api.Response response = create(alice, groceries());

        assertThat(response.code()).isEqualTo(201);
        assertThat(response.headers().getETag()).isEqualTo("\"0\"");
        assertThat(response.headers().getLocation()).hasToString("/api/v1/budgets/" + response.text("id"));
        assertThat(response.version()).isZero();
        String budget = response.text("id");
        assertThat(eventTypes(budget)).containsExactly("BudgetCreated");
        assertThat(storedPayload(budget, 0))
                .contains("\"ownerId\":\"" + alice.userId() + "\"")
                .contains("\"categoryId\":\"" + food + "\"")
                .contains("\"amount\":\"400.00\"").contains("\"currency\":\"EUR\"")
                .contains("[50,80,100]")
                .contains("\"timeZone\":\"UTC\""); // no time zone given: the owner's setting, UTC until identity keeps one
    }

    @Test
    void takesTheGivenTimeZoneAndLevelsAndAllSpendingWithoutACategory() {
        Map<String, Object> body = groceriesWith("timeZone", "Europe/Berlin");
        body.remove("categoryId");
        body.put("alertLevels", List.of(90, 75));
        body.put("period", "WEEKLY");
        Api.Response response = create(alice, body);

        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        assertThat(storedPayload(response.text("id"), 0))
                .contains("\"timeZone\":\"Europe/Berlin\"")
                .contains("[75,90]")
                .contains("\"period\":\"WEEKLY\"")
                .doesNotContain("categoryId");
    }

    @Test
    void refusesACategoryThatIsNotTheOwnersLiveSpendingCategory() {
        TestUser mallory = someUser();
        String theirs = category(mallory, "Food", "EXPENSE");
        String salary = category(alice, "Salary", "INCOME");
        String old = category(alice, "Old", "EXPENSE");
        assertThat(api.post("/api/v1/categories/" + old + "/archive").as(alice).send().code()).isEqualTo(200);
        long before = eventCount();

        for (String category : List.of("no-such-category", theirs, salary, old)) {
            Api.Response refused = create(alice, groceriesWith("categoryId", category));
            assertThat(refused.code()).as(category + ": " + refused).isEqualTo(422);
            assertThat(refused.text("code")).isEqualTo("invalid_category");
            assertThat(fields(refused)).containsExactly("categoryId");
        }
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void refusesBadInputWithTheFieldsAtFault() {
        long before = eventCount();

        Api.Response missing = create(alice, Map.of("categoryId", food));
        assertThat(missing.code()).isEqualTo(400);
        assertThat(missing.headers().getContentType()).hasToString("application/problem+json");
        assertThat(fields(missing)).containsExactly("currency", "limit", "name", "period");

        Api.Response badPeriod = create(alice, groceriesWith("period", "DAILY"));
        assertThat(badPeriod.code()).isEqualTo(400);
        assertThat(fields(badPeriod)).containsExactly("period");

        Api.Response nullLevel = create(alice, "{\"name\":\"G\",\"period\":\"MONTHLY\",\"limit\":\"1\",\"currency\":\"EUR\",\"alertLevels\":[50,null]}");
        assertThat(nullLevel.code()).isEqualTo(400);
        assertThat(fields(nullLevel)).containsExactly("alertLevels[1]");

        Api.Response blankCategory = create(alice, groceriesWith("categoryId", ""));
        assertThat(blankCategory.code()).isEqualTo(400);
        assertThat(fields(blankCategory)).containsExactly("categoryId");

        Map<String, Object> refusedByRules = Map.of(
                "limit", groceriesWith("limit", "0"),
                "alertLevels", groceriesWith("alertLevels", List.of(50, 1001)),
                "timeZone", groceriesWith("timeZone", "Mars/Olympus_Mons"));
        refusedByRules.forEach((field, body) -> {
            Api.Response refused = create(alice, body);
            assertThat(refused.code()).as(field + ": " + refused).isEqualTo(422);
            assertThat(fields(refused)).containsExactly(field);
        });

        Api.Response duplicateLevels = create(alice, groceriesWith("alertLevels", List.of(80, 80)));
        assertThat(duplicateLevels.code()).isEqualTo(422);
        assertThat(duplicateLevels.text("detail")).isEqualTo("Each alert level may appear only once.");

        Api.Response negative = create(alice, groceriesWith("limit", "-10"));
        assertThat(negative.code()).isEqualTo(422);
        assertThat(negative.text("code")).isEqualTo("invalid_limit");

        Api.Response tooPrecise = create(alice, groceriesWith("limit", "1.234"));
        assertThat(tooPrecise.code()).isEqualTo(422);
        assertThat(tooPrecise.text("code")).isEqualTo("invalid_amount");
        assertThat(fields(tooPrecise)).containsExactly("limit");

        Api.Response unknownCurrency = create(alice, groceriesWith("currency", "ABC"));
        assertThat(unknownCurrency.code()).isEqualTo(422);
        assertThat(fields(unknownCurrency)).containsExactly("currency");

        Api.Response notJson = api.post("/api/v1/budgets").as(alice).body("{not json").send();
        assertThat(notJson.code()).isEqualTo(400);
        assertThat(notJson.body().toString()).doesNotContain("Exception").doesNotContain("at dev.");

        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void changesWithTheExpectedVersionAndRefusesAStaleOne() {
        String budget = createGroceries(alice);

        Api.Response changed = api.patch("/api/v1/budgets/" + budget).as(alice).ifMatch(0)
                .body(Map.of("limit", "450.50", "alertLevels", List.of(100))).send();
        assertThat(changed.code()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.headers().getETag()).isEqualTo("\"1\"");
        assertThat(storedPayload(budget, 1)).contains("\"name\":\"Groceries\"").contains("\"amount\":\"450.50\"").contains("[100]");

        Api.Response stale = api.patch("/api/v1/budgets/" + budget).as(alice).ifMatch(0).body(Map.of("name", "Food")).send();
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.text("code")).isEqualTo("stale_version");

        Api.Response staleRemove = api.delete("/api/v1/budgets/" + budget).as(alice).ifMatch(0).send();
        assertThat(staleRemove.code()).isEqualTo(409);
        assertThat(eventTypes(budget)).containsExactly("BudgetCreated", "BudgetChanged");
    }

    @Test
    void refusesABadChangeAndChangesNothing() {
        String budget = createGroceries(alice);

        Api.Response blankName = api.patch("/api/v1/budgets/" + budget).as(alice).body(Map.of("name", "  ")).send();
        assertThat(blankName.code()).isEqualTo(400);
        assertThat(fields(blankName)).containsExactly("name");

        Api.Response badLimit = api.patch("/api/v1/budgets/" + budget).as(alice).body(Map.of("limit", "lots")).send();
        assertThat(badLimit.code()).isEqualTo(422);
        assertThat(fields(badLimit)).containsExactly("limit");

        Api.Response zeroLevel = api.patch("/api/v1/budgets/" + budget).as(alice).body(Map.of("alertLevels", List.of(0))).send();
        assertThat(zeroLevel.code()).isEqualTo(422);
        assertThat(fields(zeroLevel)).containsExactly("alertLevels");

        Api.Response badIfMatch = api.patch("/api/v1/budgets/" + budget).as(alice).header("If-Match", "yesterday").body(Map.of("name", "Food")).send();
        assertThat(badIfMatch.code()).isEqualTo(422);
        assertThat(fields(badIfMatch)).containsExactly("If-Match");

        assertThat(eventTypes(budget)).containsExactly("BudgetCreated");
    }

    @Test
    void removesABudgetWhichIsThenGone() {
        String budget = createGroceries(alice);

        Api.Response removed = api.delete("/api/v1/budgets/" + budget).as(alice).ifMatch(0).send();
        assertThat(removed.code()).isEqualTo(200);
        assertThat(removed.headers().getETag()).isEqualTo("\"1\"");

        assertThat(api.delete("/api/v1/budgets/" + budget).as(alice).send().code()).isEqualTo(404);
        assertThat(api.patch("/api/v1/budgets/" + budget).as(alice).body(Map.of("name", "Back")).send().code()).isEqualTo(404);
        assertThat(eventTypes(budget)).containsExactly("BudgetCreated", "BudgetRemoved");
    }

    @Test
    void anotherUsersBudgetIsNotFound() {
        TestUser mallory = someUser();
        String budget = createGroceries(alice);

        Api.Response change = api.patch("/api/v1/budgets/" + budget).as(mallory).body(Map.of("name", "Mine")).send();
        assertThat(change.code()).isEqualTo(404);
        assertThat(change.text("code")).isEqualTo("not_found");
        assertThat(api.delete("/api/v1/budgets/" + budget).as(mallory).send().code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/budgets/no-such-budget").as(alice).send().code()).isEqualTo(404);
        assertThat(eventTypes(budget)).containsExactly("BudgetCreated");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstAnswerAndAppendsNothing() {
        Api.Response first = api.post("/api/v1/budgets").as(alice).idempotencyKey("budget-1").body(groceries()).send();
        long after = eventCount();
        Api.Response again = api.post("/api/v1/budgets").as(alice).idempotencyKey("budget-1").body(groceries()).send();
        assertThat(first.code()).isEqualTo(201);
        assertThat(again.code()).as(again.toString()).isEqualTo(201);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(eventCount()).isEqualTo(after);

        String budget = first.text("id");
        Api.Response changed = api.patch("/api/v1/budgets/" + budget).as(alice).ifMatch(0).idempotencyKey("change-1").body(Map.of("limit", "500")).send();
        Api.Response changedAgain = api.patch("/api/v1/budgets/" + budget).as(alice).ifMatch(0).idempotencyKey("change-1").body(Map.of("limit", "500")).send();
        assertThat(changed.code()).isEqualTo(200);
        assertThat(changedAgain.code()).as(changedAgain.toString()).isEqualTo(200);
        assertThat(changedAgain.version()).isEqualTo(changed.version()).isEqualTo(1);

        Api.Response removed = api.delete("/api/v1/budgets/" + budget).as(alice).idempotencyKey("remove-1").send();
        Api.Response removedAgain = api.delete("/api/v1/budgets/" + budget).as(alice).idempotencyKey("remove-1").send();
        assertThat(removed.code()).isEqualTo(200);
        assertThat(removedAgain.code()).as(removedAgain.toString()).isEqualTo(200);
        assertThat(removedAgain.version()).isEqualTo(removed.version()).isEqualTo(2);
        assertThat(eventTypes(budget)).containsExactly("BudgetCreated", "BudgetChanged", "BudgetRemoved");

        Api.Response reused = api.post("/api/v1/budgets").as(alice).idempotencyKey("budget-1").body(groceriesWith("name", "Other")).send();
        assertThat(reused.code()).isEqualTo(422);
        assertThat(reused.text("code")).isEqualTo("idempotency_key_reused");
    }

    @Test
    void needsAValidToken() {
        String budget = createGroceries(alice);
        long before = eventCount();

        Api.Response create = api.post("/api/v1/budgets").body(groceries()).send();
        assertThat(create.code()).isEqualTo(401);
        assertThat(create.text("code")).isEqualTo("unauthorized");
        assertThat(api.patch("/api/v1/budgets/" + budget).body(Map.of("name", "X")).send().code()).isEqualTo(401);
        assertThat(api.delete("/api/v1/budgets/" + budget).send().code()).isEqualTo(401);
        assertThat(api.delete("/api/v1/budgets/" + budget).token("not-a-token").send().code()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(before);
    }
}
