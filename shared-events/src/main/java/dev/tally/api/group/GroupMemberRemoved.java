package dev.tally.api.group;

import org.axonframework.serialization.Revision;

/** A member was removed by another member; what they shared stays, as after leaving. */
@Revision("1")
public record GroupMemberRemoved(String groupId, String userId, String removedBy) {
}
