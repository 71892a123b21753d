package dev.tally.query.currency;

import dev.tally.query.identity.UserRepository;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/** Where a read starts converting: the reader's home currency and the day whose rates apply. */
@Component
public class HomeCurrencies {

    static final String NO_HOME = "no home currency yet: choose one (PUT /api/v1/me/home-currency) or open an account";

    private final UserRepository users;
    private final ExchangeRates rates;

    public HomeCurrencies(UserRepository users, ExchangeRates rates) {
        this.users = users;
        this.rates = rates;
    }

    /** Converts into {@code userId}'s home currency at the rates of {@code asOf} (a period's last day, or today). */
    public Conversion of(String userId, LocalDate asOf) {
        String home = users.homeCurrencyOf(userId).orElse(null);
        return new Conversion(home, asOf, rates, home == null ? NO_HOME : null);
    }

    /** As {@link #of(String, LocalDate)}, at the rates of whichever is earlier: {@code day} or the user's today. */
    public Conversion of(String userId, LocalDate day, java.time.Clock clock) {
        LocalDate today = LocalDate.now(clock.withZone(users.zoneOf(userId)));
        return of(userId, day.isBefore(today) ? day : today);
    }
}
