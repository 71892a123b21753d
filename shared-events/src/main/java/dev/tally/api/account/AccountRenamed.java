package dev.tally.api.account;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountRenamed(String accountId, @DataSubject String ownerId, @PersonalData String name) implements AccountEvent {
}
