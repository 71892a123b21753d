package dev.tally.command.group;

import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.group.GroupMemberLeft;
import dev.tally.api.group.GroupMemberRemoved;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * People who share costs. Members invite addresses; an invitation is pending until someone accepts it (with the mailed
 * link) and joins. Members leave, or remove each other; what they shared stays in the group's history and balances.
 * To anyone who is not a member the group does not exist.
 */
@Aggregate
public class Group {

    @AggregateIdentifier
    private String groupId;
    private final Set<String> members = new HashSet<>();
    private final Set<String> pendingInvitations = new HashSet<>();

    protected Group() {
    }

    @CommandHandler
    public Group(CreateGroup command) {
        apply(new GroupCreated(command.groupId(), command.creatorId(), command.name().strip()));
    }

    @CommandHandler
    public long handle(InviteToGroup command) {
        requireMember(command.actorId());
        apply(new GroupMemberInvited(groupId, command.invitationId(), command.actorId(), command.email()));
        return getVersion();
    }

    @CommandHandler
    public long handle(AcceptGroupInvitation command) {
        if (!pendingInvitations.contains(command.invitationId())) {
            throw new RuleViolation("invitation_not_pending", "This invitation was accepted already.");
        }
        if (members.contains(command.userId())) {
            throw new RuleViolation("already_a_member", "You are a member of this group already.");
        }
        apply(new GroupMemberJoined(groupId, command.userId(), command.invitationId()));
        return getVersion();
    }

    @CommandHandler
    public long handle(LeaveGroup command) {
        requireMember(command.userId());
        apply(new GroupMemberLeft(groupId, command.userId()));
        return getVersion();
    }

    @CommandHandler
    public long handle(RemoveGroupMember command) {
        requireMember(command.actorId());
        if (command.actorId().equals(command.memberId())) {
            throw new RuleViolation("remove_yourself", "memberId", "To leave the group, leave it; members remove others.");
        }
        if (!members.contains(command.memberId())) {
            throw new RuleViolation("not_a_member", "memberId", "This person is not a member of the group.");
        }
        apply(new GroupMemberRemoved(groupId, command.memberId(), command.actorId()));
        return getVersion();
    }

    private void requireMember(String userId) {
        if (!members.contains(userId)) {
            throw new NotFoundException("group", groupId);
        }
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        groupId = event.groupId();
        members.add(event.creatorId());
    }

    @EventSourcingHandler
    void on(GroupMemberInvited event) {
        pendingInvitations.add(event.invitationId());
    }

    @EventSourcingHandler
    void on(GroupMemberJoined event) {
        pendingInvitations.remove(event.invitationId());
        members.add(event.userId());
    }

    @EventSourcingHandler
    void on(GroupMemberLeft event) {
        members.remove(event.userId());
    }

    @EventSourcingHandler
    void on(GroupMemberRemoved event) {
        members.remove(event.userId());
    }
}
