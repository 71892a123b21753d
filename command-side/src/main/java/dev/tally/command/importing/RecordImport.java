package dev.tally.command.importing;

import dev.tally.api.importing.RefusedRow;

import java.util.List;

public record RecordImport(String importId, String ownerId, String accountId, String format, String fileName, int recorded, int duplicates,
                           List<RefusedRow> refused) {
}
