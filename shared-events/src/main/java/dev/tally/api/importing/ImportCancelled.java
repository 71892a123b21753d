package dev.tally.api.importing;

import org.axonframework.serialization.Revision;

/** An import job was cancelled: what it had recorded was deleted again, so nothing of the file remains. */
@Revision("1")
public record ImportCancelled(String importId, String ownerId, String accountId, int deleted) {
}
