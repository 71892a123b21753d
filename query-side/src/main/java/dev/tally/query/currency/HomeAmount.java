package dev.tally.query.currency;

import dev.tally.api.money.Money;

import java.time.LocalDate;

/**
 * An amount in the reader's home currency, beside the amount it converts: {@code amount} null and {@code available}
 * false when a rate is missing ({@code reason} says which), never a guess.
 */
public record HomeAmount(String currency, Money amount, boolean available, LocalDate ratesAsOf, String reason) {

    public static HomeAmount of(Conversion conversion, Money original) {
        Money converted = conversion.of(original);
        return conversion.available()
                ? new HomeAmount(conversion.currency(), converted, true, original.currency().equals(conversion.currency()) ? null : conversion.ratesAsOf(), null)
                : new HomeAmount(conversion.currency(), null, false, null, conversion.reason());
    }
}
