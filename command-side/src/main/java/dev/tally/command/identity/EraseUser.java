package dev.tally.command.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person leaves: every session ends, their data key is destroyed and their credentials deleted. */
public record EraseUser(@TargetAggregateIdentifier String userId) {
}
