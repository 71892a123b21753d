package dev.tally.query.export;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.query.expense.ExpenseView;
import dev.tally.query.expense.TransactionFilter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An owner's transactions, oldest first, read through a database cursor: PostgreSQL sends {@link #FETCH_SIZE} rows at a
 * time when the statement runs inside a transaction, so a million rows take the memory of a few hundred. Plain JDBC,
 * not JPA: a persistence context would keep every entity it loaded. Tags come from a join, so a transaction with
 * several tags spans consecutive rows and is handed on once its last row has been read. Only the owner's own
 * categories name a transaction, as in the list ({@code ExpenseViews}): should an event ever name another user's
 * category, its name must not leak. Call inside a transaction.
 */
@Component
public class TransactionRows {

    static final int FETCH_SIZE = 500;

    private static final String COLUMNS = """
            SELECT t.transaction_id, t.owner_id, t.type, t.account_id, t.to_account_id, t.amount_minor, t.currency, t.category_id,
                   c.name AS category_name, t.date, t.description, t.merchant, t.original_amount_minor, t.original_currency,
                   t.exchange_rate,
                   t.deleted, t.recorded_at, t.updated_at, g.tag
            FROM transaction_view t
            LEFT JOIN category_view c ON c.category_id = t.category_id AND c.owner_id = t.owner_id
            LEFT JOIN transaction_tag g ON g.transaction_id = t.transaction_id
            """;

    private final JdbcTemplate jdbc;

    public TransactionRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Each of the owner's transactions that the filter keeps, in date order (ties by id), as the expense view without
     * sharing. With {@code anyState}, deleted and live ones alike (the filter's {@code deleted} is ignored).
     */
    public void forEach(String ownerId, TransactionFilter filter, boolean anyState, Consumer<ExpenseView> action) {
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE t.owner_id = ?");
        List<Object> args = new ArrayList<>(List.of(ownerId));
        if (!anyState) {
            sql.append(" AND t.deleted = ?");
            args.add(filter.deleted());
        }
        if (filter.from() != null) {
            sql.append(" AND t.date >= ?");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND t.date <= ?");
            args.add(filter.to());
        }
        if (filter.accountId() != null) {
            sql.append(" AND (t.account_id = ? OR t.to_account_id = ?)");
            args.add(filter.accountId());
            args.add(filter.accountId());
        }
        if (filter.categoryId() != null) {
            sql.append(" AND t.category_id = ?");
            args.add(filter.categoryId());
        }
        if (filter.type() != null) {
            sql.append(" AND t.type = ?");
            args.add(filter.type().name());
        }
        if (filter.text() != null) {
            String like = "%" + filter.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (LOWER(t.description) LIKE ? ESCAPE '\\' OR LOWER(t.merchant) LIKE ? ESCAPE '\\')");
            args.add(like);
            args.add(like);
        }
        if (filter.tag() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM transaction_tag f WHERE f.transaction_id = t.transaction_id AND f.tag = ?)");
            args.add(filter.tag());
        }
        sql.append(" ORDER BY t.date, t.transaction_id, g.tag");
        Assembler assembler = new Assembler(action);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            return statement;
        }, assembler);
        assembler.finish();
    }

    /** Gathers a transaction's tag rows and hands the transaction on when the next one starts. */
    private static final class Assembler implements RowCallbackHandler {
        private final Consumer<ExpenseView> action;
        private ExpenseView current;
        private final List<String> tags = new ArrayList<>();

        Assembler(Consumer<ExpenseView> action) {
            this.action = action;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            String id = rs.getString("transaction_id");
            if (current == null || !current.id().equals(id)) {
                finish();
                current = view(rs);
            }
            String tag = rs.getString("tag");
            if (tag != null) {
                tags.add(tag);
            }
        }

        void finish() {
            if (current != null) {
                action.accept(withTags(current, List.copyOf(tags)));
            }
            current = null;
            tags.clear();
        }

        private static ExpenseView view(ResultSet rs) throws SQLException {
            String currency = rs.getString("currency");
            long original = rs.getLong("original_amount_minor");
            Money originalAmount = rs.wasNull() ? null : new Money(original, rs.getString("original_currency"));
            return new ExpenseView(rs.getString("transaction_id"), rs.getString("owner_id"), TransactionType.valueOf(rs.getString("type")),
                    rs.getString("account_id"), rs.getString("to_account_id"), new Money(rs.getLong("amount_minor"), currency),
                    rs.getString("category_id"), rs.getString("category_name"), rs.getObject("date", LocalDate.class),
                    rs.getString("description"), rs.getString("merchant"), List.of(), originalAmount, ExpenseView.rate(rs.getBigDecimal("exchange_rate")), rs.getBoolean("deleted"),
                    instant(rs, "recorded_at"), instant(rs, "updated_at"), null);
        }

        private static ExpenseView withTags(ExpenseView v, List<String> tags) {
            return new ExpenseView(v.id(), v.ownerId(), v.type(), v.accountId(), v.toAccountId(), v.amount(), v.categoryId(), v.categoryName(),
                    v.date(), v.description(), v.merchant(), tags, v.originalAmount(), v.exchangeRate(), v.deleted(), v.recordedAt(), v.updatedAt(), null);
        }

        private static Instant instant(ResultSet rs, String column) throws SQLException {
            OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
    }
}
