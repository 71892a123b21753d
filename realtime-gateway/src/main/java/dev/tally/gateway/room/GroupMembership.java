package dev.tally.gateway.room;

/** Whether a user may join a group's room: a member now (not one who left or was removed). Decided by the query side's read model. */
public interface GroupMembership {

    boolean isMember(String userId, String groupId);
}
