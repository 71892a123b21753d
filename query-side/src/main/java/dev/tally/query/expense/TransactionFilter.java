package dev.tally.query.expense;

import dev.tally.api.expense.TransactionType;
import dev.tally.query.web.Dates;
import dev.tally.query.web.InvalidQuery;

import java.time.LocalDate;

/** What the transaction list may be narrowed to; every field is optional. {@code text} matches description or merchant. */
public record TransactionFilter(LocalDate from, LocalDate to, String accountId, String categoryId, String text, String tag,
                                TransactionType type, boolean deleted) {

    /**
     * The filter as the query parameters give it (the list and the export take the same ones): blanks are absent; days
     * are refused here, before the list's query or the export's first byte.
     */
    public static TransactionFilter of(LocalDate from, LocalDate to, String accountId, String categoryId, String text, String tag,
                                       TransactionType type, boolean deleted) {
        Dates.check("from", from);
        Dates.check("to", to);
        if (from != null && to != null && from.isAfter(to)) {
            throw new InvalidQuery("from", "must not be after to");
        }
        return new TransactionFilter(from, to, blankToNull(accountId), blankToNull(categoryId), blankToNull(text), blankToNull(tag),
                type, deleted);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
