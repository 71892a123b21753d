package dev.tally.api.importing;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** An import too large to wait for started as a job: {@code total} rows will be recorded or found duplicate, a chunk at a time. */
@Revision("1")
public record ImportStarted(String importId, @DataSubject String ownerId, String accountId, String format, @PersonalData String fileName, int total) {
}
