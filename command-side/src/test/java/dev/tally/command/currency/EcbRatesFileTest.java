package dev.tally.command.currency;

import dev.tally.platform.web.RuleViolation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcbRatesFileTest {

    @Test
    void readsTheHistoryLayoutWithItsTrailingCommasAndLeavesOutUnquotedCurrencies() {
        List<PublishExchangeRates> days = EcbRatesFile.parse("""
                Date,USD,JPY,CYP,GBP,
                2026-12-04,1.0856,162.35,N/A,0.8571,
                2026-12-03,1.0821,161.9,,0.85805,
                """);
        assertThat(days).containsExactly(
                PublishExchangeRates.of(LocalDate.of(2026, 12, 4), Map.of("USD", new BigDecimal("1.0856"), "JPY", new BigDecimal("162.35"),
                        "GBP", new BigDecimal("0.8571"))),
                PublishExchangeRates.of(LocalDate.of(2026, 12, 3), Map.of("USD", new BigDecimal("1.0821"), "JPY", new BigDecimal("161.9"),
                        "GBP", new BigDecimal("0.85805"))));
        assertThat(days.get(0).dayId()).isEqualTo("exchange-rates-2026-12-04");
    }

    @Test
    void readsTheDailyLayoutWithSpacesAndWrittenDates() {
        List<PublishExchangeRates> days = EcbRatesFile.parse("\uFEFFDate, USD, JPY, \r\n04 December 2026, 1.0856, 162.35, \r\n");
        assertThat(days).containsExactly(PublishExchangeRates.of(LocalDate.of(2026, 12, 4),
                Map.of("USD", new BigDecimal("1.0856"), "JPY", new BigDecimal("162.35"))));
    }

    @Test
    void refusesAFileWithTheSameDateTwiceWhole() {
        assertRefused("Date,USD,\n2026-12-04,1.08,\n2026-12-03,1.07,\n2026-12-04,1.09,\n", "line 4: 2026-12-04 appears twice");
    }

    @Test
    void refusesMalformedFilesNamingTheLine() {
        assertRefused("", "line 1: the file is empty");
        assertRefused("Day,USD\n2026-12-04,1.08\n", "line 1: the first line must be the header");
        assertRefused("Date,usd\n2026-12-04,1.08\n", "line 1: the header's currency columns must be distinct ISO codes such as USD; got usd");
        assertRefused("Date,USD,USD\n2026-12-04,1.08,1.09\n", "got USD");
        assertRefused("Date,USD\n2026-13-04,1.08\n", "line 2: the date 2026-13-04 is neither");
        assertRefused("Date,USD\n2026-12-04,1,08\n", "line 2: has 2 rates for 1 currencies");
        assertRefused("Date,USD,JPY\n2026-12-04,1.08,-162\n", "line 2: JPY's rate -162 is not a decimal number");
        assertRefused("Date,USD\n2026-12-04,1e3\n", "USD's rate 1e3 is not a decimal number");
        assertRefused("Date,USD\n2026-12-04,N/A\n", "the file has no rates");
    }

    private static void assertRefused(String file, String reason) {
        assertThatThrownBy(() -> EcbRatesFile.parse(file)).isInstanceOf(RuleViolation.class)
                .hasMessageStartingWith("The rates file cannot be loaded: ").hasMessageContaining(reason);
    }
}
