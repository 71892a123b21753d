package dev.tally.query.currency;

import dev.tally.api.currency.ExchangeRatesPublished;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.util.List;

/** Reference rates are nobody's: no feed entry; the figures that use them convert when they are read. */
@Component
@ReadModelTables("exchange_rate")
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class ExchangeRateProjection {

    public static final String INSERT = "INSERT INTO exchange_rate (currency, rate_day, published_index, per_euro) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT DO NOTHING";

    private final ReadModelChange change;

    public ExchangeRateProjection(ReadModelChange change) {
        this.change = change;
    }

    @EventHandler
    void on(ExchangeRatesPublished event, TrackingToken token) {
        change.apply(token, () -> {
            long index = ReadModelChange.index(token);
            event.perEuro().forEach((currency, rate) -> change.write(INSERT, currency, Date.valueOf(event.day()), index, rate));
            return List.of();
        });
    }
}
