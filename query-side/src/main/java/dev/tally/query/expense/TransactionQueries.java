package dev.tally.query.expense;

import dev.tally.query.web.Cursor;
import dev.tally.query.web.InvalidQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;

import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The caller's transactions, filtered, sorted and paged by keyset. */
@Component
public class TransactionQueries {

    private final TransactionRepository transactions;

    public TransactionQueries(TransactionRepository transactions) {
        this.transactions = transactions;
    }

    public record Result(List<Transaction> items, String nextCursor) {
    }

    public Result page(String ownerId, TransactionFilter filter, String sortText, String cursorText, int limit) {
        TransactionSort.Order order = TransactionSort.parse(sortText);
        Cursor cursor = cursorText == null || cursorText.isBlank() ? null : Cursor.decode(cursorText);
        Comparable<?> after = cursor == null ? null : parse(order.sort(), cursor.value());
        Specification<Transaction> spec = (root, query, cb) -> {
            List<Predicate> p = new ArrayList<>();
            p.add(cb.equal(root.get("ownerId"), ownerId));
            p.add(cb.equal(root.get("deleted"), filter.deleted()));
            if (filter.from() != null) {
                p.add(cb.greaterThanOrEqualTo(root.get("date"), filter.from()));
            }
            if (filter.to() != null) {
                p.add(cb.lessThanOrEqualTo(root.get("date"), filter.to()));
            }
            if (filter.accountId() != null) {
                p.add(cb.or(cb.equal(root.get("accountId"), filter.accountId()), cb.equal(root.get("toAccountId"), filter.accountId())));
            }
            if (filter.categoryId() != null) {
                p.add(cb.equal(root.get("categoryId"), filter.categoryId()));
            }
            if (filter.type() != null) {
                p.add(cb.equal(root.get("type"), filter.type()));
            }
            if (filter.text() != null) {
                String like = "%" + filter.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                p.add(cb.or(cb.like(cb.lower(root.get("description")), like, '\\'), cb.like(cb.lower(root.get("merchant")), like, '\\')));
            }
            if (filter.tag() != null) {
                Join<Transaction, String> tags = root.join("tags");
                p.add(cb.equal(tags, filter.tag()));
            }
            if (cursor != null) {
                p.add(after(root, cb, order, after, cursor.id()));
            }
            return cb.and(p.toArray(Predicate[]::new));
        };
        Sort.Direction direction = order.descending() ? Sort.Direction.DESC : Sort.Direction.ASC;
        Sort sort = Sort.by(direction, order.sort().attribute).and(Sort.by(direction, "transactionId"));
        List<Transaction> rows = transactions.findBy(spec, q -> q.sortBy(sort).limit(limit + 1).all());
        boolean more = rows.size() > limit;
        List<Transaction> items = more ? rows.subList(0, limit) : rows;
        String next = more ? new Cursor(order.sort().valueOf(items.get(limit - 1)), items.get(limit - 1).transactionId()).encode() : null;
        return new Result(List.copyOf(items), next);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate after(Root<Transaction> root, CriteriaBuilder cb, TransactionSort.Order order, Comparable value, String id) {
        Expression key = root.get(order.sort().attribute);
        Expression<String> tid = root.get("transactionId");
        return order.descending()
                ? cb.or(cb.lessThan(key, value), cb.and(cb.equal(key, value), cb.lessThan(tid, id)))
                : cb.or(cb.greaterThan(key, value), cb.and(cb.equal(key, value), cb.greaterThan(tid, id)));
    }

    private static Comparable<?> parse(TransactionSort sort, String value) {
        try {
            return sort.parse.apply(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new InvalidQuery("cursor", "does not fit sort " + sort.parameter);
        }
    }

}
