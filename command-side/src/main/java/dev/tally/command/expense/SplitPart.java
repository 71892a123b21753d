package dev.tally.command.expense;

/** One participant of a split as asked: {@code value} is an amount (EXACT), a percentage (PERCENT), a number of shares (SHARES) or null (EQUAL). */
public record SplitPart(String userId, String value) {
}
