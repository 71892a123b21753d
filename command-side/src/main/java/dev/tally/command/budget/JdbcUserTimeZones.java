package dev.tally.command.budget;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The time zone each user chose at registration ({@code user_credentials.time_zone}); UTC for anyone without one. */
@Component
class JdbcUserTimeZones implements UserTimeZones {

    private final JdbcClient jdbc;

    JdbcUserTimeZones(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String of(String userId) {
        return jdbc.sql("SELECT time_zone FROM user_credentials WHERE user_id = ?").param(userId)
                .query(String.class).optional().orElse("UTC");
    }
}
