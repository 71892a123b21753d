package dev.tally.query.currency;

import dev.tally.api.money.Money;

import java.time.LocalDate;
import java.util.Collection;

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

    /** The sum of {@code originals} in the home currency, by the rule of {@link Conversion#sum}. */
    public static HomeAmount sum(Conversion conversion, Collection<Money> originals) {
        Money converted = conversion.sum(originals);
        return conversion.available()
                ? new HomeAmount(conversion.currency(), converted, true, conversion.ratesAsOf(), null)
                : new HomeAmount(conversion.currency(), null, false, null, conversion.reason());
    }
}
