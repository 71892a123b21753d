package dev.tally.command.identity;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/** {@code user_credentials}; the unique email constraint settles two registrations racing for one address. */
@Component
class JdbcCredentials implements Credentials {

    private static final RowMapper<Credential> ROW = (rs, n) -> new Credential(rs.getString("user_id"), rs.getString("email"),
            rs.getString("password_hash"), rs.getString("display_name"), rs.getString("time_zone"));

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcCredentials(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void add(Credential credential) {
        try {
            jdbc.sql("INSERT INTO user_credentials (user_id, email, password_hash, display_name, time_zone, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                    .params(credential.userId(), credential.email(), credential.passwordHash(), credential.displayName(),
                            credential.timeZone(), Timestamp.from(clock.instant()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new EmailTaken();
        }
    }

    @Override
    public Optional<Credential> findByEmail(String email) {
        return jdbc.sql("SELECT * FROM user_credentials WHERE email = ?").param(email).query(ROW).optional();
    }

    @Override
    public Optional<Credential> find(String userId) {
        return jdbc.sql("SELECT * FROM user_credentials WHERE user_id = ?").param(userId).query(ROW).optional();
    }

    @Override
    public void replacePasswordHash(String userId, String passwordHash) {
        jdbc.sql("UPDATE user_credentials SET password_hash = ? WHERE user_id = ?").params(passwordHash, userId).update();
    }

    @Override
    public void markEmailVerified(String userId) {
        jdbc.sql("UPDATE user_credentials SET email_verified_at = ? WHERE user_id = ? AND email_verified_at IS NULL")
                .params(Timestamp.from(clock.instant()), userId).update();
    }

    @Override
    public boolean emailVerified(String userId) {
        return jdbc.sql("SELECT COUNT(*) FROM user_credentials WHERE user_id = ? AND email_verified_at IS NOT NULL")
                .param(userId).query(Long.class).single() > 0;
    }
}
