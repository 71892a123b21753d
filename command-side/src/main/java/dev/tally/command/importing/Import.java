package dev.tally.command.importing;

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
 * One bank file imported into one account: what it recorded, what it found twice and what it refused. Its
 * transactions are ordinary ones; the import remembers them only to be undone, once, by the person who imported.
 */
@Aggregate
public class Import {

    @AggregateIdentifier
    private String importId;
    private String ownerId;
    private String accountId;
    private boolean undone;

    protected Import() {
    }

    @CommandHandler
    public Import(RecordImport command) {
        apply(new StatementImported(command.importId(), command.ownerId(), command.accountId(), command.format(), command.fileName(),
                command.recorded(), command.duplicates(), command.refused()));
    }

    @CommandHandler
    public void handle(UndoImport command) {
        if (!ownerId.equals(command.actorId())) {
            throw new NotFoundException("import", importId);
        }
        if (undone) {
            throw new ConflictException("already_undone", "This import was undone already.");
        }
        apply(new ImportUndone(importId, ownerId, accountId, command.deleted()));
    }

    @EventSourcingHandler
    void on(StatementImported event) {
        importId = event.importId();
        ownerId = event.ownerId();
        accountId = event.accountId();
    }

    @EventSourcingHandler
    void on(ImportUndone event) {
        undone = true;
    }
}
