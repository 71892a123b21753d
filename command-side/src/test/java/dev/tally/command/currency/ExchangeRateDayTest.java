package dev.tally.command.currency;

import dev.tally.api.currency.ExchangeRatesPublished;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

class ExchangeRateDayTest {

    private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
    private static final String ID = ExchangeRateDay.idOf(DAY);

    private AggregateTestFixture<ExchangeRateDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ExchangeRateDay.class);
    }

    private static Map<String, BigDecimal> rates(String... codeAndRate) {
        Map<String, BigDecimal> rates = new java.util.TreeMap<>();
        for (int i = 0; i < codeAndRate.length; i += 2) {
            rates.put(codeAndRate[i], new BigDecimal(codeAndRate[i + 1]));
        }
        return rates;
    }

    @Test
    void aNewDayRecordsItsRates() {
        fixture.givenNoPriorActivity()
                .when(PublishExchangeRates.of(DAY, rates("USD", "1.0856", "JPY", "162.35")))
                .expectEvents(new ExchangeRatesPublished(ID, DAY, rates("JPY", "162.35", "USD", "1.0856")))
                .expectResultMessagePayload(2);
    }

    @Test
    void theSameRatesAgainRecordNothing() {
        fixture.given(new ExchangeRatesPublished(ID, DAY, rates("JPY", "162.35", "USD", "1.0856")))
                .when(PublishExchangeRates.of(DAY, rates("USD", "1.08560", "JPY", "162.35")))
                .expectNoEvents()
                .expectResultMessagePayload(0);
    }

    @Test
    void onlyANewOrCorrectedRateIsRecorded() {
        fixture.given(new ExchangeRatesPublished(ID, DAY, rates("JPY", "162.35", "USD", "1.0856")))
                .when(PublishExchangeRates.of(DAY, rates("USD", "1.0857", "JPY", "162.35", "GBP", "0.8571")))
                .expectEvents(new ExchangeRatesPublished(ID, DAY, rates("GBP", "0.8571", "USD", "1.0857")));
    }

    @Test
    void refusesAnUnknownCurrencyAndRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(PublishExchangeRates.of(DAY, rates("USD", "1.0856", "ABC", "2")))
                .expectException(RuleViolation.class).expectExceptionMessage(org.hamcrest.Matchers.containsString("ISO 4217"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(PublishExchangeRates.of(DAY, rates("XAU", "0.0004")))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void refusesABadRateAndRecordsNothing() {
        for (String bad : new String[]{"0", "-1.2", "0.00000000001", "10000000000"}) {
            fixture.givenNoPriorActivity()
                    .when(PublishExchangeRates.of(DAY, rates("USD", "1.0856", "JPY", bad)))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage(org.hamcrest.Matchers.containsString("JPY must have a positive rate"))
                    .expectNoEvents();
        }
        fixture.givenNoPriorActivity()
                .when(PublishExchangeRates.of(DAY, rates("EUR", "1")))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(PublishExchangeRates.of(DAY, Map.of()))
                .expectException(RuleViolation.class).expectNoEvents();
    }
}
