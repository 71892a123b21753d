package dev.tally.api.importing;

import org.axonframework.serialization.Revision;

/** A chunk of an import job was recorded: {@code processed} of {@code total} rows are done. */
@Revision("1")
public record ImportProgressed(String importId, String ownerId, int processed, int total, int recorded, int duplicates) {
}
