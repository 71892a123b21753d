package dev.tally.query.currency;

import dev.tally.api.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversion rule without a database: per currency once, exact decimals, HALF_EVEN at the home currency's minor unit. */
class ConversionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

    /** Rates of one day, or of the day before for those named "old". */
    private static ExchangeRates rates(Map<String, String> perEuro) {
        return new ExchangeRates(null) {
            @Override
            public Optional<Rate> onOrBefore(String currency, LocalDate day) {
                if (currency.equals("EUR")) {
                    return Optional.of(new Rate(null, BigDecimal.ONE));
                }
                return Optional.ofNullable(perEuro.get(currency)).map(r -> r.startsWith("old:")
                        ? new Rate(day.minusDays(1), new BigDecimal(r.substring(4))) : new Rate(day, new BigDecimal(r)));
            }
        };
    }

    private static Conversion into(String home, Map<String, String> perEuro) {
        return new Conversion(home, DAY, rates(perEuro), null);
    }

    @Test
    void roundsHalfEvenAtTheHomeCurrencysMinorUnit() {
        Conversion toJpy = into("JPY", Map.of("JPY", "100", "USD", "1"));
        assertThat(toJpy.of(Money.parse("0.25", "USD"))).isEqualTo(new Money(25, "JPY"));
        assertThat(toJpy.of(Money.parse("0.01", "USD"))).isEqualTo(new Money(1, "JPY"));
        Conversion toJpyHalf = into("JPY", Map.of("JPY", "50", "USD", "1"));
        assertThat(toJpyHalf.of(Money.parse("0.01", "USD"))).as("0.5 → 0").isEqualTo(new Money(0, "JPY"));
        assertThat(toJpyHalf.of(Money.parse("0.03", "USD"))).as("1.5 → 2").isEqualTo(new Money(2, "JPY"));
        assertThat(toJpyHalf.of(Money.parse("-0.03", "USD"))).as("-1.5 → -2").isEqualTo(new Money(-2, "JPY"));
        Conversion toBhd = into("BHD", Map.of("BHD", "0.4", "USD", "1"));
        assertThat(toBhd.of(Money.parse("0.01", "USD"))).as("0.004 BHD: three decimals").isEqualTo(Money.parse("0.004", "BHD"));
    }

    @Test
    void sumsPerCurrencyFirstThenConvertsEachSumOnce() {
        Conversion toJpy = into("JPY", Map.of("JPY", "50", "USD", "1"));
        // each 0.01 USD alone would be 0.5 → 0 JPY; their sum 0.03 USD is 1.5 → 2 JPY
        assertThat(toJpy.sum(List.of(Money.parse("0.01", "USD"), Money.parse("0.01", "USD"), Money.parse("0.01", "USD"), new Money(7, "JPY"))))
                .isEqualTo(new Money(9, "JPY"));
        assertThat(toJpy.ratesAsOf()).isEqualTo(DAY);
    }

    @Test
    void namesTheOldestRateDayUsedAndRefusesToGuessAMissingOne() {
        Conversion toChf = into("CHF", Map.of("CHF", "old:0.95", "USD", "1.05"));
        assertThat(toChf.of(Money.parse("10.50", "USD"))).isEqualTo(Money.parse("9.50", "CHF"));
        assertThat(toChf.ratesAsOf()).isEqualTo(DAY.minusDays(1));
        assertThat(toChf.sum(List.of(Money.parse("1.00", "USD"), Money.parse("1", "JPY")))).isNull();
        assertThat(toChf.available()).isFalse();
        assertThat(toChf.reason()).isEqualTo("no exchange rate for JPY on or before 2026-12-04");
        assertThat(toChf.ratesAsOf()).isNull();
        assertThat(toChf.of(Money.parse("1.00", "CHF"))).as("once unavailable, nothing more is converted").isNull();
    }
}
