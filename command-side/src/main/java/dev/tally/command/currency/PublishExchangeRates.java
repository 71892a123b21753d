package dev.tally.command.currency;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/** Sets a day's reference rates (units per euro); {@code dayId} is {@link ExchangeRateDay#idOf(LocalDate)}. */
public record PublishExchangeRates(@TargetAggregateIdentifier String dayId, LocalDate day, Map<String, BigDecimal> perEuro) {

    public static PublishExchangeRates of(LocalDate day, Map<String, BigDecimal> perEuro) {
        return new PublishExchangeRates(ExchangeRateDay.idOf(day), day, perEuro);
    }
}
