package dev.tally.api.group;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A member invited an address; the invitation stays pending until someone signed in accepts it with the mailed link. */
@Revision("1")
public record GroupMemberInvited(String groupId, String invitationId, @DataSubject String invitedBy, @PersonalData String email) {
}
