package dev.tally.command.account;

import dev.tally.api.money.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Internal: a transaction moves {@code change} (signed) in or out of the account. Sent by {@link AccountPostings}, never by clients. */
public record PostToAccount(@TargetAggregateIdentifier String accountId, String ownerId, String transactionId, Money change) {
}
