package dev.tally.query.room;

import dev.tally.api.room.RoomMembers;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may be in a socket room, for a gateway in another process: it asks with the socket's own token before a
 * {@code room:join}, and again when the feed says a membership may have ended, so it never reads this side's tables.
 */
@RestController
@RequestMapping("/api/v1/rooms")
@Tag(name = "Rooms", description = "Whether the caller may join a socket room")
public class RoomQueryController {

    private final RoomMembers members;

    public RoomQueryController(RoomMembers members) {
        this.members = members;
    }

    @GetMapping("/{kind}/{id}")
    @Operation(summary = "Whether the caller is a member of room {kind}:{id}",
            description = "204 for the owner or a participant of expense {id}, or a member now of group {id}; 404 for anyone else, as for a room that does not exist.")
    public ResponseEntity<Void> membership(Caller caller, @PathVariable String kind, @PathVariable String id) {
        if (!members.isMember(caller.userId(), kind + ":" + id)) {
            throw new NotFoundException("room", kind + ":" + id);
        }
        return ResponseEntity.noContent().build();
    }
}
