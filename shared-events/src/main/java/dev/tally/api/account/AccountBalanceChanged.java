package dev.tally.api.account;

import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

/** A transaction moved money in or out of the account: {@code change} is signed, {@code balance} is the new balance. */
@Revision("1")
public record AccountBalanceChanged(String accountId, String ownerId, String transactionId, Money change, Money balance) implements AccountEvent {
}
