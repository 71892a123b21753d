package dev.tally.query.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.importing.ImportUndone;
import dev.tally.api.importing.StatementImported;
import dev.tally.query.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Imports as their owner lists them; each finished or undone import tells the owner's devices ({@code import:*}). */
@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
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
    void on(StatementImported event, @Timestamp Instant at, TrackingToken token) throws JsonProcessingException {
        String refused = json.writeValueAsString(event.refused() == null ? List.of() : event.refused());
        change.apply(token, () -> {
            if (imports.existsById(event.importId())) {
                return List.of();
            }
            ImportRecord record = imports.save(new ImportRecord(event.importId(), event.ownerId(), event.accountId(), event.format(),
                    event.fileName(), event.recorded(), event.duplicates(), refused, at, ReadModelChange.index(token)));
            return List.of(new FeedUpdate(event.ownerId(), FeedEvents.IMPORT_FINISHED, record.view(json)));
        });
    }

    @EventHandler
    void on(ImportUndone event, TrackingToken token) {
        change.apply(token, () -> imports.findById(event.importId())
                .filter(record -> record.accepts(ReadModelChange.index(token)))
                .map(record -> {
                    record.undone(ReadModelChange.index(token));
                    return List.of(new FeedUpdate(event.ownerId(), FeedEvents.IMPORT_UNDONE, record.view(json)));
                })
                .orElse(List.of()));
    }
}
