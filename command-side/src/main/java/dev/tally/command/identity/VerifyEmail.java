package dev.tally.command.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Marks the user's registered address as proven (a verification link was used). */
public record VerifyEmail(@TargetAggregateIdentifier String userId) {
}
