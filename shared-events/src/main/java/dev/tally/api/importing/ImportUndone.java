package dev.tally.api.importing;

import org.axonframework.serialization.Revision;

/** An import was taken back in one step: the transactions it recorded were deleted (restorable one by one). */
@Revision("1")
public record ImportUndone(String importId, String ownerId, String accountId, int deleted) {
}
