package dev.tally.api.group;

import org.axonframework.serialization.Revision;

/** Someone accepted an invitation and is now a member. */
@Revision("1")
public record GroupMemberJoined(String groupId, String userId, String invitationId) {
}
