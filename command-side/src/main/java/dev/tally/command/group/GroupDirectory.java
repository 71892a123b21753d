package dev.tally.command.group;

import java.util.Collection;

/** Who belongs to which group now, as other aggregates check it (an expense shared in a group names only its members). */
public interface GroupDirectory {

    /** Whether every one of {@code userIds} is a member of the group now. */
    boolean allMembers(String groupId, Collection<String> userIds);

    /** The group's name as it was created (for the invitation mail). */
    String name(String groupId);
}
