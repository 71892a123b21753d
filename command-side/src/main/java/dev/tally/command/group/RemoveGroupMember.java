package dev.tally.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveGroupMember(@TargetAggregateIdentifier String groupId, String actorId, String memberId) {
}
