package dev.tally.command.group;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code email} is normalised (trimmed, lower case). */
public record InviteToGroup(@TargetAggregateIdentifier String groupId, String actorId, String invitationId, String email) {
}
