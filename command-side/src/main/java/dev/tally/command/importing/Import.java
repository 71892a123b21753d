package dev.tally.command.importing;

import dev.tally.api.importing.ImportCancelled;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.StatementImported;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.NotFoundException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One bank file imported into one account: what it recorded, what it found twice and what it refused. A small file
 * is imported at once; a large one runs as a job (started, progressing a chunk at a time, then finished or cancelled).
 * Its transactions are ordinary ones; the import remembers them only to be undone, once, by the person who imported.
 */
@Aggregate
public class Import {

    enum State { RUNNING, FINISHED, CANCELLED, UNDONE }

    @AggregateIdentifier
    private String importId;
    private String ownerId;
    private String accountId;
    private String format;
    private String fileName;
    private int total;
    private State state;

    protected Import() {
    }

    @CommandHandler
    public Import(RecordImport command) {
        apply(new StatementImported(command.importId(), command.ownerId(), command.accountId(), command.format(), command.fileName(),
                command.recorded(), command.duplicates(), command.refused()));
    }

    @CommandHandler
    public Import(StartImport command) {
        apply(new ImportStarted(command.importId(), command.ownerId(), command.accountId(), command.format(), command.fileName(), command.total()));
    }

    @CommandHandler
    public void handle(RecordImportProgress command) {
        requireRunning();
        apply(new ImportProgressed(importId, ownerId, command.processed(), total, command.recorded(), command.duplicates()));
    }

    @CommandHandler
    public void handle(FinishImport command) {
        requireRunning();
        apply(new StatementImported(importId, ownerId, accountId, format, fileName, command.recorded(), command.duplicates(), command.refused()));
    }

    @CommandHandler
    public void handle(CancelImport command) {
        requireRunning();
        apply(new ImportCancelled(importId, ownerId, accountId, command.deleted()));
    }

    @CommandHandler
    public void handle(UndoImport command) {
        if (!ownerId.equals(command.actorId())) {
            throw new NotFoundException("import", importId);
        }
        if (state == State.RUNNING) {
            throw new ConflictException("import_running", "This import is still running; cancel it instead.");
        }
        if (state != State.FINISHED) {
            throw new ConflictException("already_undone", "This import was " + (state == State.CANCELLED ? "cancelled" : "undone") + " already.");
        }
        apply(new ImportUndone(importId, ownerId, accountId, command.deleted()));
    }

    private void requireRunning() {
        if (state != State.RUNNING) {
            throw new ConflictException("import_not_running", "This import is not running any more.");
        }
    }

    @EventSourcingHandler
    void on(StatementImported event) {
        importId = event.importId();
        ownerId = event.ownerId();
        accountId = event.accountId();
        format = event.format();
        fileName = event.fileName();
        state = State.FINISHED;
    }

    @EventSourcingHandler
    void on(ImportStarted event) {
        importId = event.importId();
        ownerId = event.ownerId();
        accountId = event.accountId();
        format = event.format();
        fileName = event.fileName();
        total = event.total();
        state = State.RUNNING;
    }

    @EventSourcingHandler
    void on(ImportCancelled event) {
        state = State.CANCELLED;
    }

    @EventSourcingHandler
    void on(ImportUndone event) {
        state = State.UNDONE;
    }
}
