package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;

/** Answers one client event; does nothing when the client asked for no ack. */
@FunctionalInterface
public interface Ack {

    void send(JsonNode answer);
}
