package dev.tally.query.dashboard;

import dev.tally.api.feed.FeedEvents;
import java.time.LocalDate;
import java.util.List;

/** Payload of {@code dashboard:updated}: a month's totals as they now stand (newest wins when coalesced). */
public record DashboardUpdate(String month, LocalDate from, LocalDate to, List<DashboardView.CurrencyTotals> totals,
                              List<DashboardView.CategoryTotal> byCategory) implements FeedEvents.AboutMonth {
}
