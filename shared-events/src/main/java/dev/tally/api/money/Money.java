package dev.tally.api.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of one currency: whole minor units inside, a decimal string outside
 * ({@code {"amount":"12.34","currency":"EUR"}}), so no floating point ever touches money.
 */
public record Money(@JsonIgnore long minorUnits, @JsonProperty("currency") String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        fractionDigits(currency); // validates the code
    }

    /** ASCII digits only, an optional leading minus, no plus, exponent, leading zeros, spaces or grouping. */
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]{0,19})(\\.[0-9]{1,20})?");

    /** Parses a decimal string such as "12.34" in the given ISO 4217 currency; more decimals than the currency has are refused. */
    public static Money parse(String amount, String currency) {
        if (amount == null || amount.isBlank()) {
            throw new InvalidMoneyException("amount is required");
        }
        int digits = fractionDigits(currency);
        BigDecimal value = decimal(amount);
        if (value.stripTrailingZeros().scale() > digits) {
            throw new InvalidMoneyException(currency + " has " + digits + " decimal places; " + amount + " has more");
        }
        try {
            return new Money(value.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new InvalidMoneyException("amount is too large");
        }
    }

    /**
     * A plain decimal as the wire carries it ("12.34", "-5", "0.5"), the one strict reading for amounts, percentages and
     * shares: what {@link BigDecimal} would also take ("1e2", "+5", "00012", non-ASCII digits) is refused.
     */
    public static BigDecimal decimal(String text) {
        if (text == null || text.length() > 42 || !DECIMAL.matcher(text).matches()) {
            throw new InvalidMoneyException("amount must be a decimal number such as 12.34 (ASCII digits and a point; "
                    + "no sign but a leading minus, no exponent, spaces or leading zeros)");
        }
        return new BigDecimal(text);
    }

    /**
     * The most an amount a person enters may hold, in minor units either way: 15 digits (9 999 999 999 999.99 EUR), so
     * that a balance or a budget's spending of thousands of them stays inside a {@code long} and a JavaScript client
     * holds any of them exactly. Stored events are read with {@link #parse}, which has no such bound.
     */
    public static final long MOST_ENTERED_MINOR_UNITS = 999_999_999_999_999L;

    /** {@link #parse}, and no more than {@link #MOST_ENTERED_MINOR_UNITS} either way: an amount as a request states it. */
    public static Money parseEntered(String amount, String currency) {
        Money money = parse(amount, currency);
        if (Math.abs(money.minorUnits) > MOST_ENTERED_MINOR_UNITS) {
            throw new InvalidMoneyException("amount is too large: at most " + new Money(MOST_ENTERED_MINOR_UNITS, currency).amount()
                    + " " + currency);
        }
        return money;
    }

    @JsonCreator
    static Money fromJson(@JsonProperty("amount") String amount, @JsonProperty("currency") String currency) {
        return parse(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public static int fractionDigits(String currency) {
        try {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            if (digits < 0) {
                throw new InvalidMoneyException(currency + " is not a currency of money");
            }
            return digits;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidMoneyException("currency must be an ISO 4217 code such as EUR; got " + currency);
        }
    }

    @JsonProperty("amount")
    public String amount() {
        return BigDecimal.valueOf(minorUnits, fractionDigits(currency)).toPlainString();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    @JsonIgnore
    public boolean isZero() {
        return minorUnits == 0;
    }

    @JsonIgnore
    public boolean isPositive() {
        return minorUnits > 0;
    }

    @JsonIgnore
    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean sameCurrencyAs(Money other) {
        return currency.equals(other.currency);
    }

    private void requireSameCurrency(Money other) {
        if (!sameCurrencyAs(other)) {
            throw new InvalidMoneyException("cannot combine " + currency + " with " + other.currency);
        }
    }

    @Override
    public String toString() {
        return amount() + " " + currency;
    }
}
