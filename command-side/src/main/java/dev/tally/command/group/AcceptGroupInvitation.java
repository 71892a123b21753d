package dev.tally.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcceptGroupInvitation(@TargetAggregateIdentifier String groupId, String invitationId, String userId) {
}
