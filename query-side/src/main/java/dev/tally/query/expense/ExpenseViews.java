package dev.tally.query.expense;

import dev.tally.query.category.Category;
import dev.tally.query.category.CategoryRepository;
import dev.tally.query.identity.User;
import dev.tally.query.identity.UserRepository;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Turns transactions into {@link ExpenseView}s, looking names up in one query per page. */
@Component
public class ExpenseViews {

    private final CategoryRepository categories;
    private final UserRepository users;
    private final ExpenseCommentRepository comments;

    public ExpenseViews(CategoryRepository categories, UserRepository users, ExpenseCommentRepository comments) {
        this.categories = categories;
        this.users = users;
        this.comments = comments;
    }

    /**
     * The full view: with comments when shared. Its category is found by id, so the projection, which builds one per
     * event, finds it in the persistence context after the first time.
     */
    public ExpenseView full(Transaction t) {
        Map<String, String> categoryName = t.categoryId() == null ? Map.of() : categories.findById(t.categoryId())
                .filter(c -> c.ownerId().equals(t.ownerId())).map(c -> Map.of(t.categoryId(), c.name())).orElse(Map.of());
        return views(List.of(t), true, categoryName).get(0);
    }

    public List<ExpenseView> page(List<Transaction> transactions) {
        return views(transactions, false, categoryNames(transactions));
    }

    private List<ExpenseView> views(List<Transaction> transactions, boolean withComments, Map<String, String> categoryNames) {
        Map<String, String> names = userNames(transactions, withComments);
        return transactions.stream().map(t -> new ExpenseView(t.transactionId(), t.ownerId(), t.type(), t.accountId(), t.toAccountId(),
                t.amount(), t.categoryId(), t.categoryId() == null ? null : categoryNames.get(t.categoryId()), t.date(),
                t.description(), t.merchant(), t.tags(), t.originalAmount(), t.exchangeRate(), t.isDeleted(), t.recordedAt(), t.updatedAt(),
                sharing(t, names, withComments))).toList();
    }

    private ExpenseView.Sharing sharing(Transaction t, Map<String, String> names, boolean withComments) {
        if (!t.isShared()) {
            return null;
        }
        List<ExpenseView.ShareView> shares = t.shares().stream().map(s -> new ExpenseView.ShareView(s.userId(), names.get(s.userId()),
                new dev.tally.api.money.Money(s.amountMinor(), t.currency()), s.value())).toList();
        List<ExpenseView.CommentView> commentViews = withComments ? comments.findByTransactionIdOrderByCreatedAtAscCommentIdAsc(t.transactionId())
                .stream().map(c -> new ExpenseView.CommentView(c.commentId(), c.authorId(), names.get(c.authorId()), c.text(), c.createdAt()))
                .toList() : null;
        return new ExpenseView.Sharing(t.splitMethod(), shares, commentViews);
    }

    private Map<String, String> categoryNames(List<Transaction> transactions) {
        Set<String> ids = transactions.stream().map(Transaction::categoryId).filter(Objects::nonNull).collect(Collectors.toSet());
        if (ids.isEmpty()) {
            return Map.of();
        }
        // only the owner's own categories name an expense
        return transactions.stream().map(Transaction::ownerId).distinct()
                .flatMap(owner -> categories.findByOwnerIdAndCategoryIdIn(owner, ids).stream())
                .collect(Collectors.toMap(c -> c.view().id(), Category::name, (a, b) -> a));
    }

    private Map<String, String> userNames(List<Transaction> transactions, boolean withComments) {
        Set<String> ids = new HashSet<>();
        transactions.forEach(t -> t.shares().forEach(s -> ids.add(s.userId())));
        if (withComments) {
            transactions.stream().filter(Transaction::isShared)
                    .forEach(t -> comments.findByTransactionIdOrderByCreatedAtAscCommentIdAsc(t.transactionId()).forEach(c -> ids.add(c.authorId())));
        }
        return names(ids);
    }

    public Map<String, String> names(Collection<String> userIds) {
        return userIds.isEmpty() ? Map.of() : users.findAllById(userIds).stream()
                .collect(Collectors.toMap(User::userId, User::displayName, (a, b) -> a, java.util.HashMap::new));
    }
}
