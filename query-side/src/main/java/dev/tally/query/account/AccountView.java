package dev.tally.query.account;

import dev.tally.api.account.AccountType;
import dev.tally.api.money.Money;

import java.time.Instant;

public record AccountView(String id, String name, AccountType type, String currency, Money balance, Money openingBalance,
                          boolean closed, Instant openedAt) {
}
