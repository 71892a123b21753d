package dev.tally.api.group;

import org.axonframework.serialization.Revision;

/** A member left; what they shared in the group stays, and so do the balances it left. */
@Revision("1")
public record GroupMemberLeft(String groupId, String userId) {
}
