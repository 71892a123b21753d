package dev.tally.command.currency;

import dev.tally.api.currency.ExchangeRatesPublished;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One day's ECB reference rates. Publishing is idempotent: only rates that are new or differ from the day's (a
 * correction) are recorded, so loading the same file again records nothing.
 */
@Aggregate
public class ExchangeRateDay {

    /** The read model keeps rates as numeric(20,10). */
    static final int MAX_SCALE = 10;
    static final BigDecimal MAX_RATE = new BigDecimal("10000000000");

    @AggregateIdentifier
    private String dayId;
    private final Map<String, BigDecimal> perEuro = new HashMap<>();

    protected ExchangeRateDay() {
    }

    public static String idOf(LocalDate day) {
        return "exchange-rates-" + day;
    }

    /** Answers how many rates were recorded (0: the day already had exactly these). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(PublishExchangeRates command) {
        if (command.perEuro() == null || command.perEuro().isEmpty()) {
            throw new RuleViolation("bad_rate", "rates", "a day needs at least one rate");
        }
        Map<String, BigDecimal> changed = new TreeMap<>();
        command.perEuro().forEach((currency, rate) -> {
            check(currency, rate);
            BigDecimal known = perEuro.get(currency);
            if (known == null || known.compareTo(rate) != 0) {
                changed.put(currency, rate);
            }
        });
        if (!changed.isEmpty()) {
            apply(new ExchangeRatesPublished(command.dayId(), command.day(), changed));
        }
        return changed.size();
    }

    /** A rate is a positive number of units of an ISO 4217 currency of money per euro, of at most 10 decimals. */
    static void check(String currency, BigDecimal rate) {
        try {
            Money.fractionDigits(currency);
        } catch (InvalidMoneyException e) {
            throw new RuleViolation("unknown_currency", "rates", e.getMessage());
        }
        if (ExchangeRatesPublished.BASE.equals(currency)) {
            throw new RuleViolation("bad_rate", "rates", "EUR is the base of the rates (always 1), not a rate");
        }
        if (rate == null || rate.signum() <= 0 || rate.compareTo(MAX_RATE) >= 0 || rate.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new RuleViolation("bad_rate", "rates", currency + " must have a positive rate below 10000000000 with at most "
                    + MAX_SCALE + " decimals; got " + (rate == null ? "none" : rate.toPlainString()));
        }
    }

    @EventSourcingHandler
    void on(ExchangeRatesPublished event) {
        dayId = event.dayId();
        perEuro.putAll(event.perEuro());
    }
}
