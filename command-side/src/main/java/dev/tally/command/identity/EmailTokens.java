package dev.tally.command.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Single-use tokens sent by mail (256 random bits, base64url), stored only as their SHA-256 in {@code email_token}.
 * Issuing one voids the user's earlier unused tokens of the same purpose, so only the newest mail's link works.
 */
@Component
class EmailTokens {

    enum Purpose {
        /** Proves the registered address; a mail can sit unread over a weekend. */
        VERIFY_EMAIL(Duration.ofDays(3)),
        /** Resets the password: short-lived (OWASP's forgot-password advice), since it signs whoever holds it in. */
        RESET_PASSWORD(Duration.ofMinutes(30));

        final Duration lifetime;

        Purpose(Duration lifetime) {
            this.lifetime = lifetime;
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    EmailTokens(JdbcClient jdbc, TransactionTemplate transaction, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** A new token for the user (the earlier unused ones of this purpose stop working); the token itself, to mail. */
    String issue(String userId, Purpose purpose) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("UPDATE email_token SET used_at = ? WHERE user_id = ? AND purpose = ? AND used_at IS NULL")
                    .params(Timestamp.from(now), userId, purpose.name()).update();
            jdbc.sql("INSERT INTO email_token (token_hash, user_id, purpose, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                    .params(RefreshTokens.sha256(token), userId, purpose.name(), Timestamp.from(now),
                            Timestamp.from(now.plus(purpose.lifetime)))
                    .update();
        });
        return token;
    }

    /** Whose token it is while it is unused and unexpired; nothing changes. */
    Optional<String> holder(String token, Purpose purpose) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT user_id FROM email_token WHERE token_hash = ? AND purpose = ? AND used_at IS NULL AND expires_at > ?")
                .params(RefreshTokens.sha256(token.trim()), purpose.name(), Timestamp.from(clock.instant()))
                .query(String.class).optional();
    }

    /**
     * Uses the token: its holder, once. The conditional update lets one of two concurrent uses through; run it in the
     * transaction of what the token allows, so a refused change leaves the token usable.
     */
    Optional<String> use(String token, Purpose purpose) {
        Optional<String> holder = holder(token, purpose);
        if (holder.isEmpty()) {
            return holder;
        }
        Instant now = clock.instant();
        int used = jdbc.sql("UPDATE email_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")
                .params(Timestamp.from(now), RefreshTokens.sha256(token.trim()), Timestamp.from(now)).update();
        return used == 1 ? holder : Optional.empty();
    }

    @Scheduled(fixedDelayString = "${tally.identity.sweep-interval:PT1H}")
    public void forgetExpired() {
        jdbc.sql("DELETE FROM email_token WHERE expires_at < ?").param(Timestamp.from(clock.instant())).update();
    }
}
