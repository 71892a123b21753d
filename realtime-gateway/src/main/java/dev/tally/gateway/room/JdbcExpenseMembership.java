package dev.tally.gateway.room;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads {@code expense_member(expense_id, user_id)}, a read-model table the query side keeps (one row for the owner
 * and one per participant of each shared expense). The gateway only reads it.
 */
public class JdbcExpenseMembership implements ExpenseMembership {

    private final JdbcTemplate jdbc;

    public JdbcExpenseMembership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isMember(String userId, String expenseId) {
        return !jdbc.queryForList("SELECT 1 FROM expense_member WHERE expense_id = ? AND user_id = ?", Integer.class,
                expenseId, userId).isEmpty();
    }
}
