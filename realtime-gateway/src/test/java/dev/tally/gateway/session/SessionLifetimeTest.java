package dev.tally.gateway.session;

import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.TestTokens;
import dev.tally.platform.security.SessionRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A socket lives no longer than its token and its session: signed-out sessions cannot connect, expired tokens are closed. */
class SessionLifetimeTest extends GatewayIntegrationTest {

    @Autowired
    SessionRegistry sessions;

    private static String withToken(String token) {
        return "{\"token\":\"" + token + "\"}";
    }

    /** Opens a socket and sends CONNECT; the answer frame (40… or 44…). */
    private String connectAnswer(String token) {
        try (RawSocket socket = RawSocket.open(port)) {
            socket.next();
            socket.send("40" + withToken(token));
            return socket.next();
        }
    }

    @Test
    void aSignedOutSessionCannotConnectOnceTheSignOutIsKnownHereOrInTheDatabase() {
        String user = newUser();
        String token = TestTokens.token(user, "signed-out-" + user, Duration.ofMinutes(5));
        String other = TestTokens.token(user, "still-live-" + user, Duration.ofMinutes(5));
        assertThat(connectAnswer(token)).startsWith("40{");

        // a sign-out committed by a command side in another process reaches this one through user_session
        TestTokens.endSession("signed-out-" + user);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(connectAnswer(token)).isEqualTo("44{\"message\":\"Authentication error\"}"));
        assertThat(connectAnswer(other)).startsWith("40{");

        // in one JVM the command side tells the registry directly: refused at once
        sessions.signedOut(user, "still-live-" + user);
        assertThat(connectAnswer(other)).isEqualTo("44{\"message\":\"Authentication error\"}");
    }

    /** No kick arrives (it was lost on its way: Redis down): the poll of ended sessions still closes their sockets here. */
    @Test
    void aSessionEndedInTheDatabaseHasItsOpenSocketsClosedWithoutAKick() {
        String user = newUser();
        try (RawSocket ended = RawSocket.connect(port, withToken(TestTokens.token(user, "ended-" + user, Duration.ofMinutes(5))));
             RawSocket live = RawSocket.connect(port, withToken(TestTokens.token(user, "live-" + user, Duration.ofMinutes(5))))) {
            ended.nextEvent("sync:state");
            live.nextEvent("sync:state");
            TestTokens.endSession("ended-" + user);
            assertThat(ended.next(f -> f.equals("41"))).isEqualTo("41");
            assertThat(ended.awaitClose()).isEqualTo(1000);
            live.send("421[\"sync:request\",{\"since\":0}]");
            assertThat(live.next(f -> f.startsWith("431"))).as("the user's other session is untouched").contains("\"ok\":true");
        }
    }

    @Test
    void aTokenOfASessionNeverStartedCannotConnect() {
        String user = newUser();
        assertThat(connectAnswer(TestTokens.tokenOfNoSession(user))).isEqualTo("44{\"message\":\"Authentication error\"}");
        assertThat(connectAnswer(TestTokens.token(user))).startsWith("40{");
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpiresAndServedNothingAfter() {
        String user = newUser();
        try (RawSocket socket = RawSocket.connect(port, withToken(TestTokens.token(user, "expiring-" + user, Duration.ofSeconds(3))))) {
            socket.next(f -> Frames.isEvent(f, "sync:state"));
            socket.send("421[\"sync:request\",{\"since\":0}]");
            assertThat(socket.next(f -> f.startsWith("431"))).contains("\"ok\":true");

            assertThat(socket.awaitClose()).isEqualTo(1008);
            socket.send("422[\"sync:request\",{\"since\":0}]");
            assertThat(socket.drain()).noneMatch(f -> f.startsWith("432"));
        }
    }

    @Test
    void aFreshTokenOfTheSameUserKeepsTheSocketOpenPastTheFirstExpiry() throws InterruptedException {
        String user = newUser();
        try (RawSocket socket = RawSocket.connect(port, withToken(TestTokens.token(user, "renewed-" + user, Duration.ofSeconds(3))))) {
            socket.next(f -> Frames.isEvent(f, "sync:state"));

            socket.send("421[\"auth:refresh\",{\"token\":\"" + TestTokens.forgedToken(user) + "\"}]");
            assertThat(socket.next(f -> f.startsWith("431"))).contains("\"ok\":false").contains("UNAUTHORIZED");
            socket.send("422[\"auth:refresh\",{\"token\":\"" + TestTokens.token(newUser()) + "\"}]");
            assertThat(socket.next(f -> f.startsWith("432"))).contains("\"ok\":false").contains("another user");
            socket.send("423[\"auth:refresh\",{\"token\":\"" + TestTokens.token(user, "renewed-" + user, Duration.ofMinutes(5)) + "\"}]");
            assertThat(socket.next(f -> f.startsWith("433"))).contains("\"ok\":true").contains("expiresAt");

            Thread.sleep(4_000); // past the first token's expiry
            socket.send("424[\"sync:request\",{\"since\":0}]");
            assertThat(socket.next(f -> f.startsWith("434"))).contains("\"ok\":true");
            assertThat(socket.isClosed()).isFalse();
        }
    }
}
