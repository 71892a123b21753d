package dev.tally.api.importing;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

import java.util.List;

/** A bank file was imported into an account: each recorded row is a {@code TransactionRecorded} whose metadata names {@code importId}. */
@Revision("1")
public record StatementImported(String importId, @DataSubject String ownerId, String accountId, String format, @PersonalData String fileName, int recorded, int duplicates, List<RefusedRow> refused) {
}
