package dev.tally.command.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets the currency the user's figures are also reported in. */
public record ChangeHomeCurrency(@TargetAggregateIdentifier String userId, String currency) {
}
