package dev.tally.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tally.api.identity.SignOutListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Which sign-in sessions are live, for every process that verifies access tokens (REST on every side, CONNECT on
 * every gateway). A token is good only while its {@code sid} is a session of its {@code sub} that has not ended: a
 * signed-out session's tokens stop working at once, not when they expire, and a token naming a user or session the
 * command side never started is refused. Sessions in use are kept in memory (one look-up in {@code user_session} per
 * session per minute at most); ended sessions reach this process at once in the same JVM (it is a
 * {@link SignOutListener}) and from other processes through a poll of {@code user_session.ended_at} every
 * {@code refreshInterval}, one indexed query per process whatever the traffic.
 */
public class SessionRegistry implements SignOutListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionRegistry.class);
    /** Clocks of the process that wrote ended_at and of this one may differ a little: look back this much further. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Cache<String, Session> sessions;
    private final ScheduledExecutorService poller;
    private final List<SignOutListener> endedElsewhere = new CopyOnWriteArrayList<>();
    private volatile Instant lookedUntil;

    public SessionRegistry(JdbcTemplate jdbc, Clock clock, Duration refreshInterval, long maximumSize) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.sessions = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterWrite(Duration.ofMinutes(1)).build();
        this.lookedUntil = clock.instant();
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "session-registry");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(100, refreshInterval.toMillis());
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** @throws BadJwtException when the token's session is unknown, of another user, or ended */
    public Jwt require(Jwt jwt) {
        String sessionId = jwt.getClaimAsString("sid");
        Session session = sessionId == null ? null : sessions.get(sessionId, this::load);
        if (session == null || !session.userId().equals(jwt.getSubject())) {
            throw new BadJwtException("The token names no session of its user");
        }
        if (session.ended()) {
            throw new BadJwtException("The token's session has ended");
        }
        return jwt;
    }

    /**
     * Also tells {@code listener} of each session the poll finds ended that this process was not told of directly (a
     * gateway closes its sockets: the sign-out's kick may have been lost on the way).
     */
    public void alsoTell(SignOutListener listener) {
        endedElsewhere.add(listener);
    }

    /** In one JVM the command side's sign-outs arrive here after they commit. */
    @Override
    public void signedOut(String userId, String sessionId) {
        sessions.put(sessionId, new Session(userId, true));
    }

    /** Null (not cached) for a session that does not exist, so one started a moment later is found next time. */
    private Session load(String sessionId) {
        List<Session> found = jdbc.query("SELECT user_id, ended_at FROM user_session WHERE session_id = ?",
                (rs, n) -> new Session(rs.getString(1), rs.getTimestamp(2) != null), sessionId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Never throws: a failed poll is retried at the next one, from the same point. */
    void poll() {
        try {
            Instant now = clock.instant();
            jdbc.query("SELECT session_id, user_id FROM user_session WHERE ended_at >= ?",
                    (RowCallbackHandler) rs -> ended(rs.getString(1), rs.getString(2)), Timestamp.from(lookedUntil.minus(OVERLAP)));
            lookedUntil = now;
        } catch (RuntimeException e) {
            log.warn("could not read ended sessions (retrying): {}", e.toString());
        }
    }

    private void ended(String sessionId, String userId) {
        Session before = sessions.asMap().put(sessionId, new Session(userId, true));
        if (before == null || !before.ended()) { // the poll reads each ended session for a while (OVERLAP): told once
            for (SignOutListener listener : endedElsewhere) {
                try {
                    listener.signedOut(userId, sessionId);
                } catch (RuntimeException e) {
                    log.warn("a listener of ended sessions failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private record Session(String userId, boolean ended) {
    }
}
