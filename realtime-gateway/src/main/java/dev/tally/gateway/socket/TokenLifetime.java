package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.web.socket.CloseStatus;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A socket lives no longer than its access token: once the token expires the socket is closed (1008, "token expired"),
 * so an expired token no longer receives pushes or replays. A client keeps its socket by sending a fresh token of the
 * same user before then: {@code auth:refresh {token}}, acked {@code {ok:true, expiresAt}}; commands it sends from then on
 * are forwarded with the fresh token. (Sign-outs close sockets at once, through the session kick, or a second later
 * from the poll of ended sessions when the kick was lost.)
 */
public class TokenLifetime implements ClientEventHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TokenLifetime.class);
    public static final String EVENT = "auth:refresh";

    private final SocketAuthenticator authenticator;
    private final SocketRegistry registry;
    private final ObjectMapper json;
    private final Clock clock;

    public TokenLifetime(SocketAuthenticator authenticator, SocketRegistry registry, ObjectMapper json, Clock clock) {
        this.authenticator = authenticator;
        this.registry = registry;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Set<String> events() {
        return Set.of(EVENT);
    }

    @Override
    public void handle(ClientSocket socket, String event, JsonNode payload, Ack ack) {
        Optional<SocketUser> fresh = authenticator.authenticate(payload);
        if (fresh.isEmpty()) {
            ack.send(EngineIoHandler.errorAnswer(json, "UNAUTHORIZED", "The token is missing, malformed, expired or of an ended session."));
            return;
        }
        if (!Objects.equals(fresh.get().userId(), socket.user().userId())) {
            ack.send(EngineIoHandler.errorAnswer(json, "UNAUTHORIZED", "The token is another user's; connect a new socket for them."));
            return;
        }
        socket.reauthenticated(fresh.get());
        ack.send(json.createObjectNode().put("ok", true).put("expiresAt", fresh.get().expiresAt().toString()));
    }

    /** Closes every connected socket whose token has expired; run every second or so. Never throws. */
    public void closeExpired() {
        var now = clock.instant();
        for (ClientSocket socket : registry.all()) {
            try {
                SocketUser user = socket.user();
                if (socket.connected() && user != null && user.expiresAt() != null && !now.isBefore(user.expiresAt())) {
                    socket.close(CloseStatus.POLICY_VIOLATION.withReason("token expired"), "token-expired");
                }
            } catch (RuntimeException e) { // one socket's trouble must not cancel the schedule for the others
                log.warn("closing expired socket {} failed: {}", socket.engineId(), e.toString());
            }
        }
    }
}
