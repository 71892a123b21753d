package dev.tally.query.expense;

import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.ReadModelChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code expense_member} table: who may see each expense (owner and participants); it also admits sockets to
 * {@code expense:{id}} rooms ({@code room.RoomQueryController}, which the gateway asks).
 */
@Component
@ReadModelTables("expense_member")
public class ExpenseMembers {

    private final JdbcTemplate jdbc;
    private final ReadModelChange change;

    public ExpenseMembers(JdbcTemplate jdbc, ReadModelChange change) {
        this.jdbc = jdbc;
        this.change = change;
    }

    /** Replaces the members, as part of the change being applied. */
    public void replace(String expenseId, List<String> userIds) {
        change.write("DELETE FROM expense_member WHERE expense_id = ?", expenseId);
        add(expenseId, userIds);
    }

    /** The members of an expense that has none yet, as part of the change being applied. */
    public void add(String expenseId, List<String> userIds) {
        userIds.stream().distinct().forEach(u -> change.write("INSERT INTO expense_member (expense_id, user_id) VALUES (?, ?)", expenseId, u));
    }

    public boolean isMember(String expenseId, String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM expense_member WHERE expense_id = ? AND user_id = ?)", Boolean.class, expenseId, userId));
    }
}
