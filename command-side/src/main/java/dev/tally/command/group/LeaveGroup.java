package dev.tally.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record LeaveGroup(@TargetAggregateIdentifier String groupId, String userId) {
}
