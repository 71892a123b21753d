package dev.tally.command.importing;

import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.RefusedRow;
import dev.tally.api.importing.StatementImported;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.NotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class ImportTest {

    private AggregateTestFixture<Import> fixture;
    private final StatementImported imported = new StatementImported("i1", "alice", "a1", "CSV", "bank.csv", 3, 1,
            List.of(new RefusedRow(5, "the amount is zero")));

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Import.class);
    }

    @Test
    void recordsWhatTheFileGave() {
        fixture.givenNoPriorActivity()
                .when(new RecordImport("i1", "alice", "a1", "CSV", "bank.csv", 3, 1, List.of(new RefusedRow(5, "the amount is zero"))))
                .expectEvents(imported);
    }

    @Test
    void theImporterUndoesItOnce() {
        fixture.given(imported)
                .when(new UndoImport("i1", "alice", 3))
                .expectEvents(new ImportUndone("i1", "alice", "a1", 3));
    }

    @Test
    void anUndoneImportIsNotUndoneAgain() {
        fixture.given(imported, new ImportUndone("i1", "alice", "a1", 3))
                .when(new UndoImport("i1", "alice", 0))
                .expectException(ConflictException.class)
                .expectNoEvents();
    }

    @Test
    void someoneElsesImportIsNotFound() {
        fixture.given(imported)
                .when(new UndoImport("i1", "mallory", 3))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
