package dev.tally.command.currency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.money.InvalidMoneyException;
import dev.tally.api.money.Money;
import dev.tally.platform.web.RuleViolation;
import dev.tally.command.dispatch.Commands;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.InvalidRequest;
import dev.tally.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's rates feed, outside {@code /api} (user tokens mean nothing here, as for the projections' admin
 * endpoints): it needs the configured {@code tally.rates.admin-token} in {@code X-Admin-Token}, and does not exist
 * when none is configured. Loading is idempotent: a day already holding the same rates records nothing.
 */
@RestController
@RequestMapping("/admin/exchange-rates")
@Hidden
public class ExchangeRateController {

    /** Who the rates' events name as their actor in the audit. */
    static final Caller OPERATOR = new Caller("operator", null, null);

    private final Commands commands;
    private final RatesProperties properties;
    private final ObjectMapper json;

    public ExchangeRateController(Commands commands, RatesProperties properties, ObjectMapper json) {
        this.commands = commands;
        this.properties = properties;
        this.json = json;
    }

    /** One day's rates: {@code {"date":"2026-12-04","rates":{"USD":"1.0856"}}}, units per euro as decimal strings. */
    public record DayRequest(LocalDate date, Map<String, String> rates) {
    }

    /** {@code days} read, of which {@code changedDays} recorded {@code ratesRecorded} new or corrected rates. */
    public record Loaded(int days, int changedDays, int ratesRecorded) {
    }

    @PostMapping(consumes = {"text/csv", "text/plain"})
    public Loaded loadFile(@RequestHeader(name = "X-Admin-Token", required = false) String token, @RequestBody String file) {
        authorize(token);
        return publish(EcbRatesFile.parse(file));
    }

    @PostMapping(consumes = "application/json")
    public Loaded loadDay(@RequestHeader(name = "X-Admin-Token", required = false) String token, @RequestBody String body) {
        authorize(token); // before the body is read, so an outsider learns nothing of the endpoint from its errors
        DayRequest request = read(body);
        if (request.date() == null) {
            throw new InvalidRequest("date", "is required");
        }
        if (request.rates() == null || request.rates().isEmpty()) {
            throw new InvalidRequest("rates", "must name at least one currency's rate");
        }
        Map<String, BigDecimal> perEuro = new LinkedHashMap<>();
        request.rates().forEach((currency, rate) -> perEuro.put(currency, decimal(currency, rate)));
        return publish(List.of(PublishExchangeRates.of(request.date(), perEuro)));
    }

    private Loaded publish(List<PublishExchangeRates> days) {
        // each day is its own aggregate and transaction: a rate one of them would refuse must stop the file before the
        // first day is recorded, not after the days before it (the days still check their own rates)
        days.forEach(day -> day.perEuro().forEach(ExchangeRateDay::check));
        int changedDays = 0;
        int rates = 0;
        for (PublishExchangeRates day : days) {
            int recorded = commands.<Integer>send(OPERATOR, null, "exchange rates", day.dayId(), day);
            changedDays += recorded > 0 ? 1 : 0;
            rates += recorded;
        }
        return new Loaded(days.size(), changedDays, rates);
    }

    private static BigDecimal decimal(String currency, String rate) {
        try {
            return Money.decimal(rate);
        } catch (InvalidMoneyException e) {
            throw new RuleViolation("bad_rate", "rates", currency + "'s rate must be a decimal string such as \"1.0856\"; got " + rate);
        }
    }

    private DayRequest read(String body) {
        try {
            return json.readValue(body, DayRequest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequest("body", "must be {\"date\":\"2026-12-04\",\"rates\":{\"USD\":\"1.0856\"}}");
        }
    }

    private void authorize(String token) {
        String expected = properties.adminToken();
        if (expected == null || expected.isBlank() || token == null
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new NotFoundException("endpoint", "/admin/exchange-rates");
        }
    }
}
