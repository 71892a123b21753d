package dev.tally.gateway.socket;

/** Told when a socket has connected to "/" (after {@code 40} was sent) and when it is gone. Ordered with {@code @Order}. */
public interface SocketLifecycle {

    void connected(ClientSocket socket);

    void disconnected(ClientSocket socket);
}
