package dev.tally.query.sharing;

import dev.tally.api.money.Money;
import dev.tally.query.currency.HomeAmount;

/**
 * What stands between the caller and one other person in one currency: {@code amount} positive means they owe the
 * caller, negative that the caller owes them ({@code direction} says it in words). {@code home} is the amount in the
 * caller's home currency at today's rates.
 */
public record SharedBalance(String userId, String displayName, Money amount, String direction, HomeAmount home) {
}
