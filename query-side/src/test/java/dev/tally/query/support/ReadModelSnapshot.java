package dev.tally.query.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every read-model row that belongs to some users, table by table, in a stable order: to compare before and after. */
public final class ReadModelSnapshot {

    private static final String OWNED_TRANSACTIONS = "(SELECT transaction_id FROM transaction_view WHERE owner_id IN (:users))";
    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("user_view", "SELECT * FROM user_view WHERE user_id IN (:users) ORDER BY 1");
        QUERIES.put("account_view", "SELECT * FROM account_view WHERE owner_id IN (:users) ORDER BY 1");
        QUERIES.put("category_view", "SELECT * FROM category_view WHERE owner_id IN (:users) ORDER BY 1");
        QUERIES.put("transaction_view", "SELECT * FROM transaction_view WHERE owner_id IN (:users) ORDER BY 1");
        QUERIES.put("transaction_tag", "SELECT * FROM transaction_tag WHERE transaction_id IN " + OWNED_TRANSACTIONS + " ORDER BY 1, 2");
        QUERIES.put("expense_share", "SELECT * FROM expense_share WHERE transaction_id IN " + OWNED_TRANSACTIONS + " ORDER BY 1, 2");
        QUERIES.put("expense_comment", "SELECT * FROM expense_comment WHERE transaction_id IN " + OWNED_TRANSACTIONS + " ORDER BY 1");
        QUERIES.put("expense_member", "SELECT * FROM expense_member WHERE expense_id IN " + OWNED_TRANSACTIONS + " ORDER BY 1, 2");
        QUERIES.put("budget_view", "SELECT * FROM budget_view WHERE owner_id IN (:users) ORDER BY 1");
        QUERIES.put("budget_period_view", "SELECT * FROM budget_period_view WHERE budget_id IN (SELECT budget_id FROM budget_view WHERE owner_id IN (:users)) ORDER BY 1, 2");
        QUERIES.put("dashboard_month_total", "SELECT * FROM dashboard_month_total WHERE owner_id IN (:users) ORDER BY 1");
        QUERIES.put("notification_view", "SELECT * FROM notification_view WHERE user_id IN (:users) ORDER BY 1");
    }

    private ReadModelSnapshot() {
    }

    public static Map<String, List<Map<String, Object>>> of(JdbcTemplate jdbc, List<String> users) {
        NamedParameterJdbcTemplate named = new NamedParameterJdbcTemplate(jdbc);
        Map<String, List<Map<String, Object>>> snapshot = new LinkedHashMap<>();
        QUERIES.forEach((table, sql) -> snapshot.put(table, named.queryForList(sql, Map.of("users", users))));
        return snapshot;
    }
}
