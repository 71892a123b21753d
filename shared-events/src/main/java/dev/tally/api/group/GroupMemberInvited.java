package dev.tally.api.group;

import org.axonframework.serialization.Revision;

/** A member invited an address; the invitation stays pending until someone signed in accepts it with the mailed link. */
@Revision("1")
public record GroupMemberInvited(String groupId, String invitationId, String invitedBy, String email) {
}
