package dev.tally.query.expense;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An expense, income or transfer as the query API shows it, and as {@code expense:*} feed entries carry it.
 * {@code sharing} is null unless the expense is shared; {@code sharing.comments} is null in list pages.
 */
public record ExpenseView(String id, String ownerId, TransactionType type, String accountId, String toAccountId, Money amount,
                          String categoryId, String categoryName, LocalDate date, String description, String merchant,
                          List<String> tags, Money originalAmount, String exchangeRate, boolean deleted, Instant recordedAt,
                          Instant updatedAt, Sharing sharing) implements FeedEvents.AboutExpense {

    /** A kept rate as the API shows it: a plain decimal string without trailing zeros, like money; null for none. */
    public static String rate(java.math.BigDecimal rate) {
        return rate == null ? null : rate.stripTrailingZeros().toPlainString();
    }

    public record Sharing(SplitMethod method, List<ShareView> shares, List<CommentView> comments) {
    }

    /** {@code amount} is what {@code userId} owes the owner. */
    public record ShareView(String userId, String displayName, Money amount, String value) {
    }

    public record CommentView(String id, String authorId, String authorName, String text, Instant createdAt) {
    }

    /** What a former participant receives in {@code expense:deleted} when an expense is no longer shared with them. */
    public record Removed(String id, String reason) implements FeedEvents.AboutExpense {
    }
}
