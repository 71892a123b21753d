package dev.tally.command.account;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record RenameAccount(@TargetAggregateIdentifier String accountId, String actorId, @TargetAggregateVersion Long expectedVersion, String name) {
}
