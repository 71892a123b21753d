package dev.tally.command.importing;

import dev.tally.api.importing.ImportCancelled;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
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

    private final ImportStarted started = new ImportStarted("j1", "alice", "a1", "OFX", "big.ofx", 1200);

    @Test
    void aJobProgressesAChunkAtATimeThenFinishes() {
        fixture.givenNoPriorActivity()
                .when(new StartImport("j1", "alice", "a1", "OFX", "big.ofx", 1200))
                .expectEvents(started);
        fixture.given(started)
                .when(new RecordImportProgress("j1", 500, 480, 20))
                .expectEvents(new ImportProgressed("j1", "alice", 500, 1200, 480, 20));
        fixture.given(started, new ImportProgressed("j1", "alice", 500, 1200, 480, 20))
                .when(new FinishImport("j1", 1100, 100, List.of()))
                .expectEvents(new StatementImported("j1", "alice", "a1", "OFX", "big.ofx", 1100, 100, List.of()));
    }

    @Test
    void aFinishedJobTakesNoMoreProgressAndCannotBeCancelled() {
        StatementImported finished = new StatementImported("j1", "alice", "a1", "OFX", "big.ofx", 1100, 100, List.of());
        fixture.given(started, finished).when(new RecordImportProgress("j1", 500, 1, 1)).expectException(ConflictException.class).expectNoEvents();
        fixture.given(started, finished).when(new CancelImport("j1", 0)).expectException(ConflictException.class).expectNoEvents();
    }

    @Test
    void aRunningJobIsCancelledNotUndoneAndACancelledOneIsNotUndone() {
        fixture.given(started).when(new CancelImport("j1", 480)).expectEvents(new ImportCancelled("j1", "alice", "a1", 480));
        fixture.given(started).when(new UndoImport("j1", "alice", 0)).expectException(ConflictException.class).expectNoEvents();
        fixture.given(started, new ImportCancelled("j1", "alice", "a1", 480)).when(new UndoImport("j1", "alice", 0))
                .expectException(ConflictException.class).expectNoEvents();
    }
}
