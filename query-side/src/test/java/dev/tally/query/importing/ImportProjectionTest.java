package dev.tally.query.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.importing.ImportCancelled;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.importing.StatementImported;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Imports reach their owner's list and feed (import:finished, import:undone), and nobody else's. */
class ImportProjectionTest extends QueryTestBase {

    @Test
    void theImporterSeesTheImportAndItsUndoAndNobodyElseDoes() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String eve = d.user("Eve");
        String account = d.account(alice, "Giro", "0.00");
        String importId = "i-" + UUID.randomUUID();
        events().append("Import", importId, alice, new StatementImported(importId, alice, account, "CSV", "november.csv", 4, 1,
                List.of(new RefusedRow(6, "the amount is zero"))));
        awaitProjected();

        JsonNode list = getJson(alice, "/api/v1/imports");
        assertThat(list).singleElement().satisfies(i -> {
            assertThat(i.get("id").asText()).isEqualTo(importId);
            assertThat(i.get("recorded").asInt()).isEqualTo(4);
            assertThat(i.get("duplicates").asInt()).isEqualTo(1);
            assertThat(i.get("refused").get(0).get("reason").asText()).isEqualTo("the amount is zero");
            assertThat(i.get("state").asText()).isEqualTo("FINISHED");
            assertThat(i.get("processed").asInt()).isEqualTo(5);
        });
        assertThat(feedEvents(alice)).contains("import:finished");

        events().append("Import", importId, alice, new ImportUndone(importId, alice, account, 4));
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/imports").get(0).get("state").asText()).isEqualTo("UNDONE");
        assertThat(feedEvents(alice)).containsSubsequence("import:finished", "import:undone");

        assertThat(getJson(eve, "/api/v1/imports")).isEmpty();
        assertThat(feedEvents(eve)).doesNotContain("import:finished", "import:undone");
        // where the import's 201 pointed: hers to read, 404 to anyone else, as for an id that never was
        assertThat(getJson(alice, "/api/v1/imports/{id}", importId).get("state").asText()).isEqualTo("UNDONE");
        mvc.perform(as(eve, get("/api/v1/imports/{id}", importId))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        mvc.perform(as(alice, get("/api/v1/imports/{id}", "i-never"))).andExpect(status().isNotFound());
    }

    @Test
    void aJobReportsItsProgressThenItsEnd() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String account = d.account(alice, "Giro", "0.00");
        String job = "j-" + UUID.randomUUID();
        events().append("Import", job, alice, new ImportStarted(job, alice, account, "OFX", "big.ofx", 1200));
        events().append("Import", job, alice, new ImportProgressed(job, alice, 500, 1200, 490, 10));
        awaitProjected();
        JsonNode running = getJson(alice, "/api/v1/imports").get(0);
        assertThat(running.get("state").asText()).isEqualTo("RUNNING");
        assertThat(running.get("processed").asInt()).isEqualTo(500);
        assertThat(running.get("total").asInt()).isEqualTo(1200);
        events().append("Import", job, alice, new StatementImported(job, alice, account, "OFX", "big.ofx", 1150, 50, List.of()));
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/imports").get(0).get("state").asText()).isEqualTo("FINISHED");
        assertThat(feedEvents(alice)).containsSubsequence("import:progress", "import:progress", "import:finished");

        String cancelled = "j-" + UUID.randomUUID();
        events().append("Import", cancelled, alice, new ImportStarted(cancelled, alice, account, "CSV", null, 3000));
        events().append("Import", cancelled, alice, new ImportCancelled(cancelled, alice, account, 500));
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/imports").findValuesAsText("state")).contains("CANCELLED", "FINISHED");
        assertThat(feedEvents(alice)).endsWith("import:cancelled");
        assertStateKeysAsDeclared(alice);
    }
}
