package dev.tally.query.room;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.query.expense.ExpenseMembers;
import dev.tally.query.group.SharingGroupRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may be in a socket room, answered from the read models that know it: the gateway asks with the socket's own
 * token before a {@code room:join} and again when the feed says a membership may have ended, so it never reads this
 * side's tables and stays right when the two run apart.
 */
@RestController
@RequestMapping("/api/v1/rooms")
@Tag(name = "Rooms", description = "Whether the caller may join a socket room")
public class RoomQueryController {

    private final ExpenseMembers expenses;
    private final SharingGroupRepository groups;

    public RoomQueryController(ExpenseMembers expenses, SharingGroupRepository groups) {
        this.expenses = expenses;
        this.groups = groups;
    }

    @GetMapping("/{kind}/{id}")
    @Operation(summary = "Whether the caller is a member of room {kind}:{id}",
            description = "204 for the owner or a participant of expense {id}, or a member now of group {id}; 404 for anyone else, as for a room that does not exist.")
    public ResponseEntity<Void> membership(Caller caller, @PathVariable String kind, @PathVariable String id) {
        boolean member = switch (kind) {
            case "expense" -> expenses.isMember(id, caller.userId());
            case "group" -> groups.hasMember(id, caller.userId());
            default -> false;
        };
        if (!member) {
            throw new NotFoundException("room", kind + ":" + id);
        }
        return ResponseEntity.noContent().build();
    }
}
