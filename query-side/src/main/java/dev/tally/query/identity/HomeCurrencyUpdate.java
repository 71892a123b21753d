package dev.tally.query.identity;

import dev.tally.api.feed.FeedEvents;

/**
 * Payload of {@code home-currency:updated}: the home currency the user chose. The figures reported in it ({@code home}
 * of dashboards, budgets, shared balances) are to be read again.
 */
public record HomeCurrencyUpdate(String id, String currency) implements FeedEvents.AboutUser {
}
