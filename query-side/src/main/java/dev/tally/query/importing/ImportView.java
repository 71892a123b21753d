package dev.tally.query.importing;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.importing.RefusedRow;

import java.time.Instant;
import java.util.List;

/**
 * An import as {@code GET /imports} lists it and {@code import:*} feed entries carry it. {@code state}: RUNNING,
 * FINISHED, CANCELLED or UNDONE; {@code processed} of {@code total} rows are recorded or found duplicate so far.
 */
public record ImportView(String id, String accountId, String format, String fileName, String state, int total, int processed, int recorded,
                         int duplicates, List<RefusedRow> refused, Instant importedAt) implements FeedEvents.AboutImport {
}
