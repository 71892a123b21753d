package dev.tally.api.category;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CategoryCreated(String categoryId, @DataSubject String ownerId, @PersonalData String name, CategoryKind kind) {
}
