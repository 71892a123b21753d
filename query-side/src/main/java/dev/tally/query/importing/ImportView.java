package dev.tally.query.importing;

import dev.tally.api.importing.RefusedRow;

import java.time.Instant;
import java.util.List;

/** An import as {@code GET /imports} lists it and {@code import:finished} / {@code import:undone} carry it. */
public record ImportView(String id, String accountId, String format, String fileName, int recorded, int duplicates, List<RefusedRow> refused,
                         boolean undone, Instant importedAt) {
}
