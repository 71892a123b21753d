package dev.tally.command.dispatch;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The id of one kind of thing where another is asked for (an account's id in a budget's URL) is not found, as an id that
 * never was: the owner's own ids, so no ownership check stands in the way, and accounts and budgets are in the
 * aggregate cache, which keys them by id alone.
 */
class IdOfAnotherKindApiTest extends CommandApiTest {

    private String created(Api.Call call) {
        Api.Response response = call.send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private void notFound(Api.Call call) {
        long events = eventCount();
        Api.Response response = call.send();
        assertThat(response.code()).as(response.toString()).isEqualTo(404);
        assertThat(response.text("code")).isEqualTo("not_found");
        assertThat(eventCount()).as("nothing appended by " + response).isEqualTo(events);
    }

    @Test
    void anIdOfAnotherKindIsNotFoundAndChangesNothing() {
        TestUser alice = someUser();
        String account = created(api.post("/api/v1/accounts").as(alice)
                .body(Map.of("name", "Giro", "type", "BANK", "currency", "EUR", "openingBalance", "100.00")));
        String food = category(alice, "Food", "EXPENSE");
        String budget = created(api.post("/api/v1/budgets").as(alice)
                .body(Map.of("name", "Groceries", "categoryId", food, "period", "MONTHLY", "limit", "400.00", "currency", "EUR")));
        // uncategorised: budget tracking appends nothing while the refusals are counted
        String lunch = created(api.post("/api/v1/transactions").as(alice)
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", "12.00")));

        notFound(api.post("/api/v1/categories/" + account + "/archive").as(alice));
        notFound(api.delete("/api/v1/budgets/" + account).as(alice));
        notFound(api.patch("/api/v1/accounts/" + budget).as(alice).body(Map.of("name", "Mine")));
        notFound(api.patch("/api/v1/transactions/" + food).as(alice).body(Map.of("description", "x")));
        notFound(api.post("/api/v1/accounts/" + lunch + "/close").as(alice));
    }
}
