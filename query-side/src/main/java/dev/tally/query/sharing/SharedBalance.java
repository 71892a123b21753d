package dev.tally.query.sharing;

import dev.tally.api.money.Money;

/**
 * What stands between the caller and one other person in one currency: {@code amount} positive means they owe the
 * caller, negative that the caller owes them ({@code direction} says it in words).
 */
public record SharedBalance(String userId, String displayName, Money amount, String direction) {
}
