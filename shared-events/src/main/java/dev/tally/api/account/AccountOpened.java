package dev.tally.api.account;

import dev.tally.api.money.Money;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AccountOpened(String accountId, String ownerId, String name, AccountType type, String currency, Money openingBalance) {
}
