package dev.tally.command.identity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * Opaque refresh tokens (256 random bits, base64url), stored only as their SHA-256. Each is used once: using it marks it
 * used and issues the next one of the same session; presenting a used one again means two parties hold the session's
 * tokens (one of them stolen), and the caller revokes the session ({@link Rotation.Reused}).
 */
@Component
class RefreshTokens implements Sessions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final TokenProperties properties;
    private final Clock clock;

    RefreshTokens(JdbcClient jdbc, TransactionTemplate transaction, TokenProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    record IssuedRefreshToken(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedRefreshToken[expiresAt=" + expiresAt + "]";
        }
    }

    sealed interface Rotation {
        record Rotated(String userId, String sessionId, IssuedRefreshToken next) implements Rotation {
        }

        record Reused(String userId, String sessionId) implements Rotation {
        }

        record Refused() implements Rotation {
        }
    }

    /** A new session: its row in {@code user_session} (what every process checks access tokens against) and its first token. */
    IssuedRefreshToken start(String userId, String sessionId) {
        jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES (?, ?, ?)")
                .params(sessionId, userId, Timestamp.from(clock.instant())).update();
        return issue(userId, sessionId);
    }

    /** The next token of a session. */
    private IssuedRefreshToken issue(String userId, String sessionId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        Instant expires = now.plus(properties.refreshTokenTtl());
        jdbc.sql("INSERT INTO refresh_token (token_hash, user_id, session_id, issued_at, expires_at) VALUES (?, ?, ?, ?, ?)")
                .params(sha256(token), userId, sessionId, Timestamp.from(now), Timestamp.from(expires))
                .update();
        return new IssuedRefreshToken(token, expires);
    }

    /**
     * Uses the token: marks it used and issues its successor, in one transaction. The conditional update lets only one
     * of two concurrent uses through; the other sees the token used and reports reuse.
     */
    Rotation rotate(String token) {
        return transaction.execute(status -> {
            Instant now = clock.instant();
            String hash = sha256(token);
            int used = jdbc.sql("UPDATE refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?")
                    .params(Timestamp.from(now), hash, Timestamp.from(now))
                    .update();
            var row = jdbc.sql("SELECT user_id, session_id, used_at, revoked_at FROM refresh_token WHERE token_hash = ?")
                    .param(hash)
                    .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getTimestamp(3) != null, rs.getTimestamp(4) != null))
                    .optional();
            if (row.isEmpty()) {
                return new Rotation.Refused();
            }
            if (used == 1) {
                knowSession(row.get().userId(), row.get().sessionId());
                return new Rotation.Rotated(row.get().userId(), row.get().sessionId(), issue(row.get().userId(), row.get().sessionId()));
            }
            if (row.get().used() && !row.get().revoked()) {
                return new Rotation.Reused(row.get().userId(), row.get().sessionId());
            }
            return new Rotation.Refused(); // expired or revoked
        });
    }

    @Override
    public List<String> revoke(String userId, Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return List.of();
        }
        List<String> live = jdbc.sql("SELECT session_id FROM refresh_token WHERE user_id = :user AND session_id IN (:sessions) AND revoked_at IS NULL FOR UPDATE")
                .param("user", userId).param("sessions", sessionIds)
                .query(String.class).list();
        return revokeLive(userId, live);
    }

    @Override
    public List<String> revokeAll(String userId) {
        List<String> live = jdbc.sql("SELECT session_id FROM refresh_token WHERE user_id = ? AND revoked_at IS NULL FOR UPDATE")
                .param(userId)
                .query(String.class).list();
        return revokeLive(userId, live);
    }

    @Override
    public List<String> revokeAllBut(String userId, String keptSessionId) {
        List<String> live = jdbc.sql("SELECT session_id FROM refresh_token WHERE user_id = ? AND revoked_at IS NULL FOR UPDATE")
                .param(userId)
                .query(String.class).list();
        return revokeLive(userId, live.stream().filter(sessionId -> !sessionId.equals(keptSessionId)).toList());
    }

    private List<String> revokeLive(String userId, List<String> live) {
        List<String> sessions = live.stream().distinct().sorted().toList();
        if (!sessions.isEmpty()) {
            Timestamp now = Timestamp.from(clock.instant());
            jdbc.sql("UPDATE refresh_token SET revoked_at = :now WHERE user_id = :user AND session_id IN (:sessions) AND revoked_at IS NULL")
                    .param("now", now).param("user", userId).param("sessions", sessions)
                    .update();
            // every process refuses the sessions' access tokens from now on (SessionRegistry), not only when they expire
            jdbc.sql("UPDATE user_session SET ended_at = :now WHERE user_id = :user AND session_id IN (:sessions) AND ended_at IS NULL")
                    .param("now", now).param("user", userId).param("sessions", sessions)
                    .update();
        }
        return sessions;
    }

    /** The session a token belongs to, if it is the user's; used or expired tokens still name their session. */
    java.util.Optional<String> sessionOf(String userId, String token) {
        return jdbc.sql("SELECT session_id FROM refresh_token WHERE token_hash = ? AND user_id = ?")
                .params(sha256(token), userId)
                .query(String.class).optional();
    }

    /**
     * Expired tokens cannot be used, so nothing is lost by forgetting them (reuse of an expired token is refused anyway).
     * A session is forgotten once no access token of it can still be valid: ended that long ago, or left with no
     * refresh token to mint one (an unknown session is refused like an ended one).
     */
    @Scheduled(fixedDelayString = "${tally.identity.sweep-interval:PT1H}")
    public void forgetExpired() {
        Instant now = clock.instant();
        jdbc.sql("DELETE FROM refresh_token WHERE expires_at < ?").param(Timestamp.from(now)).update();
        Timestamp settled = Timestamp.from(now.minus(properties.accessTokenTtl()).minus(java.time.Duration.ofMinutes(5)));
        jdbc.sql("DELETE FROM user_session WHERE ended_at < :settled OR (started_at < :settled AND NOT EXISTS "
                        + "(SELECT 1 FROM refresh_token r WHERE r.session_id = user_session.session_id))")
                .param("settled", settled).update();
    }

    /**
     * Sessions started before {@code user_session} existed get their row at their next refresh; until then their access
     * tokens are refused as unknown, which a client answers by refreshing.
     */
    private void knowSession(String userId, String sessionId) {
        if (jdbc.sql("SELECT COUNT(*) FROM user_session WHERE session_id = ?").param(sessionId).query(Long.class).single() == 0) {
            jdbc.sql("INSERT INTO user_session (session_id, user_id, started_at) VALUES (?, ?, ?)")
                    .params(sessionId, userId, Timestamp.from(clock.instant())).update();
        }
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(String userId, String sessionId, boolean used, boolean revoked) {
    }
}
