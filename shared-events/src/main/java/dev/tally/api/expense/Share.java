package dev.tally.api.expense;

import dev.tally.api.money.Money;

/** One participant's part of a shared expense: {@code amount} is what they owe the payer (the payer's own part is owed to nobody); {@code value} is what was asked for (amount, percent or shares; null for equal). */
public record Share(String userId, Money amount, String value) {
}
