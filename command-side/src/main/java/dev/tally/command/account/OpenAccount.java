package dev.tally.command.account;

import dev.tally.api.account.AccountType;
import dev.tally.api.money.Money;

public record OpenAccount(String accountId, String ownerId, String name, AccountType type, Money openingBalance) {
}
