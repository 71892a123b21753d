package dev.tally.api.group;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A group of people sharing costs was started; its creator is its first member. */
@Revision("1")
public record GroupCreated(String groupId, @DataSubject String creatorId, @PersonalData String name) {
}
