package dev.tally.gateway.room;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Emits an event to a room on every gateway instance: in-process when alone, through Redis pub/sub when several
 * instances run ({@code ALL} reaches every socket, for {@code system:status}).
 */
public interface RoomBroadcast {

    String ALL = "*";

    void emit(String room, String event, JsonNode payload);
}
