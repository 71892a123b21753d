package dev.tally.query.identity;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.ZoneId;
import java.util.Optional;

public interface UserRepository extends JpaRepository<User, String> {

    /** The user's time zone (UTC for a user not projected yet): where "today" and "this month" are for them. */
    default ZoneId zoneOf(String userId) {
        return ZoneId.of(findById(userId).map(User::timeZone).orElse("UTC"));
    }

    /** The user's home currency: chosen, or else their first account's; empty for a user with neither. */
    default Optional<String> homeCurrencyOf(String userId) {
        return findById(userId).map(User::homeCurrency);
    }
}
