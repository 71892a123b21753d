package dev.tally.query.expense;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The {@code expense_member} table: who may see each expense (owner and participants). Plain SQL because it is a
 * contract with the gateway, which reads it to admit sockets to {@code expense:{id}} rooms.
 */
@Component
public class ExpenseMembers {

    private final JdbcTemplate jdbc;

    public ExpenseMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void replace(String expenseId, List<String> userIds) {
        jdbc.update("DELETE FROM expense_member WHERE expense_id = ?", expenseId);
        add(expenseId, userIds);
    }

    /** The members of an expense that has none yet. */
    public void add(String expenseId, List<String> userIds) {
        jdbc.batchUpdate("INSERT INTO expense_member (expense_id, user_id) VALUES (?, ?)",
                userIds.stream().distinct().map(u -> new Object[]{expenseId, u}).toList());
    }

    public boolean isMember(String expenseId, String userId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM expense_member WHERE expense_id = ? AND user_id = ?)", Boolean.class, expenseId, userId));
    }
}
