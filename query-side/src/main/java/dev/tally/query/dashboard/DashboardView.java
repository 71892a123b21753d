package dev.tally.query.dashboard;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.query.currency.Conversion;
import dev.tally.query.feed.FeedPosition;

import java.time.LocalDate;
import java.util.List;

/**
 * Figures for a date range (both ends included), per currency since amounts in different currencies never add up.
 * Transfers move money between the user's own accounts and count as neither income nor expense.
 * {@code feed} is the caller's feed position read in the same snapshot as the figures.
 */
public record DashboardView(LocalDate from, LocalDate to, List<CurrencyTotals> totals, List<CategoryTotal> byCategory,
                            List<DailyTotals> daily, List<MerchantTotal> topMerchants, HomeTotals home, FeedPosition feed) {

    /**
     * The per-currency totals in the reader's home currency, at the rates of the range's last day (or today, if
     * earlier; {@code ratesAsOf} is the oldest rate's day used). Net is income minus expense after conversion. When a
     * rate is missing, {@code available} is false, the amounts are null and {@code reason} says why.
     */
    public record HomeTotals(String currency, Money income, Money expense, Money net, boolean available, LocalDate ratesAsOf,
                             String reason) {

        static HomeTotals of(Conversion conversion, List<CurrencyTotals> totals) {
            Money income = conversion.sum(totals.stream().map(CurrencyTotals::income).toList());
            Money expense = conversion.sum(totals.stream().map(CurrencyTotals::expense).toList());
            if (!conversion.available()) {
                return new HomeTotals(conversion.currency(), null, null, null, false, null, conversion.reason());
            }
            return new HomeTotals(conversion.currency(), income, expense, income.minus(expense), true, conversion.ratesAsOf(), null);
        }
    }

    public record CurrencyTotals(String currency, Money income, Money expense, Money net) {
    }

    public record CategoryTotal(String categoryId, String categoryName, TransactionType type, Money total, long count) {
    }

    public record DailyTotals(LocalDate date, String currency, Money income, Money expense) {
    }

    public record MerchantTotal(String merchant, Money total, long count) {
    }
}
