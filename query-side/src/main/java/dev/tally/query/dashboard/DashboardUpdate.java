package dev.tally.query.dashboard;

import java.time.LocalDate;
import java.util.List;

/** Payload of {@code dashboard:updated}: a month's totals as they now stand (newest wins when coalesced). */
public record DashboardUpdate(String month, LocalDate from, LocalDate to, List<DashboardView.CurrencyTotals> totals,
                              List<DashboardView.CategoryTotal> byCategory) {
}
