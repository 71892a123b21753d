package dev.tally.query.room;

import dev.tally.api.room.RoomMembers;
import dev.tally.query.expense.ExpenseMembers;
import dev.tally.query.group.SharingGroupRepository;
import org.springframework.stereotype.Component;

/** An expense's room is for its owner and participants ({@code expense_member}), a group's for its members now. */
@Component
public class ReadModelRoomMembers implements RoomMembers {

    private final ExpenseMembers expenses;
    private final SharingGroupRepository groups;

    public ReadModelRoomMembers(ExpenseMembers expenses, SharingGroupRepository groups) {
        this.expenses = expenses;
        this.groups = groups;
    }

    @Override
    public boolean isMember(String userId, String room) {
        int colon = room.indexOf(':');
        String id = room.substring(colon + 1);
        return switch (colon < 0 ? "" : room.substring(0, colon)) {
            case "expense" -> expenses.isMember(id, userId);
            case "group" -> groups.hasMember(id, userId);
            default -> false;
        };
    }
}
