package dev.tally.gateway.session;

import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;

import java.util.List;
import java.util.Objects;

/** Kicks the matching sockets this instance holds; also the receiving end of the Redis channel. */
public class LocalSessionKick implements SessionKick {

    private final SocketRegistry registry;

    public LocalSessionKick(SocketRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void kick(String userId, String sessionId) {
        for (ClientSocket socket : List.copyOf(registry.ofUser(userId))) {
            if (sessionId == null || Objects.equals(sessionId, socket.user().sessionId())) {
                socket.kick();
            }
        }
    }
}
