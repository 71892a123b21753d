package dev.tally.query.currency;

import dev.tally.query.identity.UserRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/** Where a read starts converting: the reader's home currency and the day whose rates apply. */
@Component
public class HomeCurrencies {

    static final String NO_HOME = "no home currency yet: choose one (PUT /api/v1/me/home-currency) or open an account";

    private final UserRepository users;
    private final ExchangeRates rates;
    private final Clock clock;

    public HomeCurrencies(UserRepository users, ExchangeRates rates, Clock clock) {
        this.users = users;
        this.rates = rates;
        this.clock = clock;
    }

    /**
     * Converts into {@code userId}'s home currency at the rates of {@code lastDay} (a period's last day), or of the
     * user's today when that is earlier: rates still to come are not guessed.
     */
    public Conversion upTo(String userId, LocalDate lastDay) {
        LocalDate today = LocalDate.now(clock.withZone(users.zoneOf(userId)));
        LocalDate asOf = lastDay.isBefore(today) ? lastDay : today;
        String home = users.homeCurrencyOf(userId).orElse(null);
        return new Conversion(home, asOf, rates, home == null ? NO_HOME : null);
    }

    /** At the rates of the user's today. */
    public Conversion today(String userId) {
        return upTo(userId, LocalDate.MAX);
    }
}
