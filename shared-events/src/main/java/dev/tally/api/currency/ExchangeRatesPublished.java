package dev.tally.api.currency;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * Reference rates of one day, as the ECB publishes them: units of each currency per one euro. Only the rates that were
 * new or different for that day; a day published again with the same rates records nothing.
 */
public record ExchangeRatesPublished(String dayId, LocalDate day, Map<String, BigDecimal> perEuro) {

    /** The rates' base: every rate is units of a currency per one euro, whose own rate is always 1. */
    public static final String BASE = "EUR";
}
