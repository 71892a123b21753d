package dev.tally.api.room;

/**
 * Who may be in a socket room ({@code expense:<id>}, {@code group:<id>}): the query side knows, from its read models.
 * In one JVM the gateway asks it directly; across processes it asks the query API ({@code GET /api/v1/rooms/{kind}/{id}}),
 * which answers from the same implementation.
 */
public interface RoomMembers {

    /** Whether {@code userId} is a member of {@code room} now; false for a room that does not exist or of another kind. */
    boolean isMember(String userId, String room);
}
