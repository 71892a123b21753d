package dev.tally.gateway.presence;

/** Counts a user's open sockets across every gateway instance (the per-user cap and the {@code presence} figure). */
public interface SocketCounter {

    /** Adds the socket unless the user already has {@code cap}; false when refused. */
    boolean tryAdd(String userId, String socketKey, int cap);

    void remove(String userId, String socketKey);

    int count(String userId);
}
