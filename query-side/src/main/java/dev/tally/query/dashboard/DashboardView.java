package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.query.feed.FeedPosition;

import java.time.LocalDate;
import java.util.List;

/**
 * Figures for a date range (both ends included), per currency since amounts in different currencies never add up.
 * Transfers move money between the user's own accounts and count as neither income nor expense.
 * {@code feed} is the caller's feed position read in the same snapshot as the figures.
 */
public record DashboardView(LocalDate from, LocalDate to, List<CurrencyTotals> totals, List<CategoryTotal> byCategory,
                            List<DailyTotals> daily, List<MerchantTotal> topMerchants, FeedPosition feed) {

    public record CurrencyTotals(String currency, Money income, Money expense, Money net) {
    }

    public record CategoryTotal(String categoryId, String categoryName, TransactionType type, Money total, long count) {
    }

    public record DailyTotals(LocalDate date, String currency, Money income, Money expense) {
    }

    public record MerchantTotal(String merchant, Money total, long count) {
    }
}
