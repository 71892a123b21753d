package dev.tally.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads Socket.IO frames in assertions. */
public final class Frames {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Frames() {
    }

    public static boolean isEvent(String frame, String name) {
        return frame.startsWith("42[\"" + name + "\"");
    }

    /** The payload object of {@code 42["name",payload]}. */
    public static JsonNode payload(String frame) {
        try {
            return JSON.readTree(frame.substring(2)).get(1);
        } catch (Exception e) {
            throw new AssertionError("not an event frame: " + frame, e);
        }
    }

    /** The answer of {@code 43<id>[answer]}. */
    public static JsonNode ackAnswer(String frame) {
        try {
            return JSON.readTree(frame.substring(frame.indexOf('['))).get(0);
        } catch (Exception e) {
            throw new AssertionError("not an ack frame: " + frame, e);
        }
    }

    public static long seq(String frame) {
        return payload(frame).get("_meta").get("seq").asLong();
    }

    /** Feed events carry {@code _meta}; live-only events do not. */
    public static boolean isFeedEvent(String frame) {
        return frame.startsWith("42[") && frame.contains("\"_meta\"");
    }
}
