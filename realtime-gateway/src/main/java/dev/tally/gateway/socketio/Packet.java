package dev.tally.gateway.socketio;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Socket.IO packet (protocol 5) as carried in an Engine.IO message: {@code type}, namespace, optional ack id, JSON
 * data, and for BINARY_EVENT / BINARY_ACK the number of binary attachments that follow it.
 */
public record Packet(int type, String namespace, Long ackId, JsonNode data, int attachments) {

    public static final int CONNECT = 0;
    public static final int DISCONNECT = 1;
    public static final int EVENT = 2;
    public static final int ACK = 3;
    public static final int CONNECT_ERROR = 4;
    public static final int BINARY_EVENT = 5;
    public static final int BINARY_ACK = 6;

    public boolean binary() {
        return type == BINARY_EVENT || type == BINARY_ACK;
    }

    public boolean mainNamespace() {
        return "/".equals(namespace);
    }

    /** The event name of an EVENT packet (the first array element). */
    public String eventName() {
        return data.get(0).asText();
    }

    /** The first argument after the event name, or null. */
    public JsonNode firstArgument() {
        return data.size() > 1 ? data.get(1) : null;
    }
}
