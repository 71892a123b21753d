package dev.tally.command.expense;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

/** Reads identity's {@code user_credentials}: only ids and e-mails, never anything secret. */
@Component
class JdbcRegisteredUsers implements RegisteredUsers {

    private final JdbcClient jdbc;

    JdbcRegisteredUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> idByEmail(String email) {
        return jdbc.sql("SELECT user_id FROM user_credentials WHERE email = ?")
                .param(email.trim().toLowerCase(Locale.ROOT)).query(String.class).optional();
    }

    @Override
    public boolean exists(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_credentials WHERE user_id = ?").param(userId).query(Long.class).single() > 0;
    }
}
