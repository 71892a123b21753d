package dev.tally.query.identity;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.ZoneId;

public interface UserRepository extends JpaRepository<User, String> {

    /** The user's time zone (UTC for a user not projected yet): where "today" and "this month" are for them. */
    default ZoneId zoneOf(String userId) {
        return ZoneId.of(findById(userId).map(User::timeZone).orElse("UTC"));
    }
}
