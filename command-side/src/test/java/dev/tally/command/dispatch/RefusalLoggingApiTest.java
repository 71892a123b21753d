package dev.tally.command.dispatch;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused request is the client's mistake, not a failure: no WARN or ERROR line, no stack trace in the log. */
@ExtendWith(OutputCaptureExtension.class)
class RefusalLoggingApiTest extends CommandApiTest {

    @Test
    void refusalsLogNothingAtWarnOrError(CapturedOutput output) {
        TestUser alice = someUser();
        String unknown = UUID.randomUUID().toString();
        int before = output.getAll().length();

        assertThat(api.patch("/api/v1/transactions/" + unknown).as(alice).body(Map.of("amount", "1.00")).send().code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/transactions/" + unknown).as(alice).send().code()).isEqualTo(404);
        assertThat(api.patch("/api/v1/accounts/" + unknown).as(alice).body(Map.of("name", "X")).send().code()).isEqualTo(404);
        Api.Response refused = api.post("/api/v1/transactions").as(alice)
                .body(Map.of("type", "EXPENSE", "accountId", unknown, "amount", "1.00")).send();
        assertThat(refused.code()).isEqualTo(422);
        assertThat(api.post("/api/v1/budgets").as(alice).body(Map.of("name", "Food", "period", "MONTHLY", "limit", "-1",
                "currency", "EUR")).send().code()).isEqualTo(422);

        String logged = output.getAll().substring(before);
        assertThat(logged).doesNotContain(" WARN ").doesNotContain(" ERROR ").doesNotContain("\tat ");
    }
}
