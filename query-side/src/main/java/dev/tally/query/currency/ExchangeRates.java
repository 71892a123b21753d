package dev.tally.query.currency;

import dev.tally.api.currency.ExchangeRatesPublished;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;

/** The reference rates as loaded: units of a currency per euro, the euro itself always 1. */
@Component
public class ExchangeRates {

    private final JdbcClient jdbc;

    public ExchangeRates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A rate and the day it is of. */
    public record Rate(LocalDate day, BigDecimal perEuro) {
    }

    /** The rate of {@code day}, or else of the latest day before it that has one (its day says which); empty when none. */
    public Optional<Rate> onOrBefore(String currency, LocalDate day) {
        if (ExchangeRatesPublished.BASE.equals(currency)) {
            return Optional.of(new Rate(null, BigDecimal.ONE));
        }
        return jdbc.sql("SELECT rate_day, per_euro FROM exchange_rate WHERE currency = ? AND rate_day <= ? "
                        + "ORDER BY rate_day DESC, published_index DESC LIMIT 1")
                .params(currency, Date.valueOf(day))
                .query((rs, n) -> new Rate(rs.getDate(1).toLocalDate(), rs.getBigDecimal(2)))
                .optional();
    }
}
