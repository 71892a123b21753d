package dev.tally.query.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.importing.ImportCancelled;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.StatementImported;
import dev.tally.api.feed.FeedEvent;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Imports as their owner lists them; each step of one tells the owner's devices ({@code import:*}). */
@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
@ReadModelTables("import_view")
class ImportProjection {

    private final ImportRepository imports;
    private final ReadModelChange change;
    private final ObjectMapper json;

    ImportProjection(ImportRepository imports, ReadModelChange change, ObjectMapper json) {
        this.imports = imports;
        this.change = change;
        this.json = json;
    }

    @EventHandler
    void on(ImportStarted event, @Timestamp Instant at, TrackingToken token) {
        change.apply(token, () -> {
            if (imports.existsById(event.importId())) {
                return List.of();
            }
            ImportRecord record = imports.save(new ImportRecord(event.importId(), event.ownerId(), event.accountId(), event.format(),
                    event.fileName(), event.total(), at, ReadModelChange.index(token)));
            return List.of(update(event.ownerId(), FeedEvents.IMPORT_PROGRESS, record));
        });
    }

    @EventHandler
    void on(ImportProgressed event, TrackingToken token) {
        change(event.importId(), event.ownerId(), FeedEvents.IMPORT_PROGRESS, token,
                r -> r.progressed(event.processed(), event.recorded(), event.duplicates(), ReadModelChange.index(token)));
    }

    /** The end of a job, or the whole of an import done at once (then there is no row yet). */
    @EventHandler
    void on(StatementImported event, @Timestamp Instant at, TrackingToken token) throws JsonProcessingException {
        String refused = json.writeValueAsString(event.refused() == null ? List.of() : event.refused());
        long index = ReadModelChange.index(token);
        change.apply(token, () -> {
            ImportRecord record = imports.findById(event.importId()).orElse(null);
            if (record == null) {
                record = new ImportRecord(event.importId(), event.ownerId(), event.accountId(), event.format(), event.fileName(),
                        event.recorded() + event.duplicates(), at, index - 1);
            }
            if (!record.accepts(index)) {
                return List.of();
            }
            record.finished(event.recorded(), event.duplicates(), refused, index);
            imports.save(record);
            return List.of(update(event.ownerId(), FeedEvents.IMPORT_FINISHED, record));
        });
    }

    @EventHandler
    void on(ImportCancelled event, TrackingToken token) {
        change(event.importId(), event.ownerId(), FeedEvents.IMPORT_CANCELLED, token, r -> r.ended("CANCELLED", ReadModelChange.index(token)));
    }

    @EventHandler
    void on(ImportUndone event, TrackingToken token) {
        change(event.importId(), event.ownerId(), FeedEvents.IMPORT_UNDONE, token, r -> r.ended("UNDONE", ReadModelChange.index(token)));
    }

    private void change(String importId, String ownerId, FeedEvent<FeedEvents.AboutImport> feedEvent, TrackingToken token, Consumer<ImportRecord> mutation) {
        change.apply(token, () -> imports.findById(importId)
                .filter(record -> record.accepts(ReadModelChange.index(token)))
                .map(record -> {
                    mutation.accept(record);
                    return List.of(update(ownerId, feedEvent, record));
                })
                .orElse(List.of()));
    }

    private FeedUpdate update(String ownerId, FeedEvent<FeedEvents.AboutImport> event, ImportRecord record) {
        return new FeedUpdate(ownerId, event, record.view(json));
    }
}
