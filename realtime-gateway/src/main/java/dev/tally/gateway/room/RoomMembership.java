package dev.tally.gateway.room;

import dev.tally.gateway.socket.SocketUser;

import java.util.concurrent.CompletableFuture;

/**
 * Whether a user may be in an {@code expense:} or {@code group:} room. The query side knows (it keeps who shares each
 * expense and group); the gateway only asks, so it is right wherever the two run.
 */
public interface RoomMembership {

    /** Completes true for a member, false for anyone else; exceptionally when the query side cannot say. */
    CompletableFuture<Boolean> isMember(SocketUser user, String room);
}
