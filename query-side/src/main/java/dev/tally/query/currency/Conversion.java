package dev.tally.query.currency;

import dev.tally.api.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Converts one reader's figures into their home currency at the rates of one day ({@code asOf}). The rule
 * (docs/api.md, "Home currency"): each per-currency figure is converted once, {@code amount × perEuro(home) /
 * perEuro(currency)} in exact decimals, rounded HALF_EVEN to the home currency's minor unit, and the rounded amounts are
 * summed. A currency without a rate on {@code asOf} takes the latest earlier one, and {@link #ratesAsOf()} names the
 * oldest day used; a currency with no rate at all makes the whole conversion unavailable, with the reason, rather than
 * a sum that leaves something out.
 */
public final class Conversion {

    private final String home;
    private final LocalDate asOf;
    private final ExchangeRates rates;
    private final Map<String, Optional<ExchangeRates.Rate>> known;
    private final String noHome;
    private LocalDate ratesAsOf;
    private String unavailable;

    Conversion(String home, LocalDate asOf, ExchangeRates rates, String noHome) {
        this(home, asOf, rates, noHome, new HashMap<>());
    }

    private Conversion(String home, LocalDate asOf, ExchangeRates rates, String noHome, Map<String, Optional<ExchangeRates.Rate>> known) {
        this.home = home;
        this.asOf = asOf;
        this.rates = rates;
        this.noHome = noHome;
        this.unavailable = noHome;
        this.known = known;
    }

    /**
     * The same reader and day, with nothing converted yet: for figures that stand on their own (a currency without a
     * rate must not make the others unavailable). The rates already looked up are shared, so it costs no query.
     */
    public Conversion afresh() {
        return new Conversion(home, asOf, rates, noHome, known);
    }

    /** The home currency; null when the reader has none yet. */
    public String currency() {
        return home;
    }

    public boolean available() {
        return unavailable == null;
    }

    /** Why the figures in the home currency are missing; null when they are all there. */
    public String reason() {
        return unavailable;
    }

    /** The oldest day whose rate was used; null when nothing needed converting. */
    public LocalDate ratesAsOf() {
        return available() ? ratesAsOf : null;
    }

    /**
     * The sum of {@code amounts} in the home currency: summed exactly per currency, each sum converted once; null when
     * unavailable (see {@link #reason()}).
     */
    public Money sum(Collection<Money> amounts) {
        Map<String, Money> perCurrency = new TreeMap<>();
        amounts.forEach(amount -> perCurrency.merge(amount.currency(), amount, Money::plus));
        long total = 0;
        for (Money amount : perCurrency.values()) {
            Money converted = of(amount);
            if (converted == null) {
                return null;
            }
            total = Math.addExact(total, converted.minorUnits());
        }
        return available() ? new Money(total, home) : null;
    }

    /** {@code amount} in the home currency; null when unavailable (see {@link #reason()}). */
    public Money of(Money amount) {
        if (!available()) {
            return null;
        }
        if (amount.currency().equals(home)) {
            return amount;
        }
        Optional<ExchangeRates.Rate> from = rate(amount.currency());
        Optional<ExchangeRates.Rate> to = rate(home);
        if (from.isEmpty() || to.isEmpty()) {
            unavailable = "no exchange rate for " + (from.isEmpty() ? amount.currency() : home) + " on or before " + asOf;
            return null;
        }
        int digits = Money.fractionDigits(home);
        BigDecimal converted = BigDecimal.valueOf(amount.minorUnits(), Money.fractionDigits(amount.currency()))
                .multiply(to.get().perEuro())
                .divide(from.get().perEuro(), digits, RoundingMode.HALF_EVEN);
        return new Money(converted.movePointRight(digits).longValueExact(), home);
    }

    private Optional<ExchangeRates.Rate> rate(String currency) {
        Optional<ExchangeRates.Rate> rate = known.computeIfAbsent(currency, c -> rates.onOrBefore(c, asOf));
        rate.map(ExchangeRates.Rate::day).filter(day -> ratesAsOf == null || day.isBefore(ratesAsOf)).ifPresent(day -> ratesAsOf = day);
        return rate;
    }
}
