package dev.tally.gateway.room;

import dev.tally.api.room.RoomMembers;
import dev.tally.gateway.socket.SocketUser;

import java.util.concurrent.CompletableFuture;

/** The query side in this same JVM (the standalone jar): asked directly, as the feed reaches {@code LiveFeed} directly. */
public class InProcessMembership implements RoomMembership {

    private final RoomMembers members;

    public InProcessMembership(RoomMembers members) {
        this.members = members;
    }

    @Override
    public CompletableFuture<Boolean> isMember(SocketUser user, String room) {
        try {
            return CompletableFuture.completedFuture(members.isMember(user.userId(), room));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
