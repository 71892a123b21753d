package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/** Handles client events of the given names on connected sockets; each feature package contributes one. */
public interface ClientEventHandler {

    Set<String> events();

    /** @param payload the first argument, or null when the client sent none */
    void handle(ClientSocket socket, String event, JsonNode payload, Ack ack);
}
