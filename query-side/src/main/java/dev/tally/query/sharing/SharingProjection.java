package dev.tally.query.sharing;

import dev.tally.api.expense.ExpenseCommented;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.ExpenseUnshared;
import dev.tally.api.expense.Share;
import dev.tally.api.money.Money;
import dev.tally.query.expense.ExpenseComment;
import dev.tally.query.expense.ExpenseCommentRepository;
import dev.tally.query.expense.ExpenseMembers;
import dev.tally.query.expense.ExpenseView;
import dev.tally.query.expense.ExpenseViews;
import dev.tally.query.expense.Transaction;
import dev.tally.query.expense.RecordedTransactions;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.notification.Inbox;
import dev.tally.query.notification.NotificationTypes;
import dev.tally.query.projection.ReadModelTables;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Splits and comments of shared expenses: who takes part (and so may see the expense), and what they are told. */
@Component
@ReadModelTables({"expense_share", "expense_comment"})
@ProcessingGroup(ProjectionGroups.READ_MODELS)
public class SharingProjection {

    private final RecordedTransactions transactions;
    private final ExpenseCommentRepository comments;
    private final ExpenseMembers members;
    private final ExpenseViews views;
    private final Inbox inbox;
    private final ReadModelChange change;

    public SharingProjection(RecordedTransactions transactions, ExpenseCommentRepository comments, ExpenseMembers members,
                             ExpenseViews views, Inbox inbox, ReadModelChange change) {
        this.transactions = transactions;
        this.comments = comments;
        this.members = members;
        this.views = views;
        this.inbox = inbox;
        this.change = change;
    }

    @EventHandler
    void on(ExpenseShared event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            long index = ReadModelChange.index(token);
            Transaction t = transaction(event.transactionId());
            if (!t.accepts(index)) {
                return List.of();
            }
            List<String> before = t.members();
            t.shared(event.method(), event.shares(), at, index);
            List<String> after = t.members();
            members.replace(t.transactionId(), after);
            ExpenseView view = views.full(t);
            String ownerName = ownerName(t);
            List<FeedUpdate> updates = new ArrayList<>();
            for (String user : after) {
                updates.add(new FeedUpdate(user, before.contains(user) ? FeedEvents.EXPENSE_UPDATED : FeedEvents.EXPENSE_CREATED, view));
                if (!before.contains(user)) {
                    Money owed = event.shares().stream().filter(s -> s.userId().equals(user)).map(Share::amount).findFirst().orElseThrow();
                    updates.add(inbox.notify(index, user, NotificationTypes.EXPENSE_SHARED, "Expense shared with you",
                            "%s shared \"%s\" with you: your share is %s.".formatted(ownerName, label(t), owed),
                            Map.of("transactionId", t.transactionId(), "ownerId", t.ownerId(), "amount", owed), at));
                }
            }
            before.stream().filter(u -> !after.contains(u))
                    .forEach(u -> updates.add(new FeedUpdate(u, FeedEvents.EXPENSE_DELETED, new ExpenseView.Removed(t.transactionId(), "unshared"))));
            return updates;
        });
    }

    @EventHandler
    void on(ExpenseUnshared event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            long index = ReadModelChange.index(token);
            Transaction t = transaction(event.transactionId());
            if (!t.accepts(index)) {
                return List.of();
            }
            List<String> before = t.members();
            t.unshared(at, index);
            members.replace(t.transactionId(), t.members());
            List<FeedUpdate> updates = new ArrayList<>();
            updates.add(new FeedUpdate(t.ownerId(), FeedEvents.EXPENSE_UPDATED, views.full(t)));
            before.stream().filter(u -> !u.equals(t.ownerId()))
                    .forEach(u -> updates.add(new FeedUpdate(u, FeedEvents.EXPENSE_DELETED, new ExpenseView.Removed(t.transactionId(), "unshared"))));
            return updates;
        });
    }

    @EventHandler
    void on(ExpenseCommented event, TrackingToken token, @Timestamp Instant at) {
        change.apply(token, () -> {
            long index = ReadModelChange.index(token);
            Transaction t = transaction(event.transactionId());
            if (!t.accepts(index) || comments.findById(event.commentId()).isPresent()) {
                return List.of();
            }
            comments.save(new ExpenseComment(event.commentId(), t.transactionId(), event.authorId(), event.text(), at));
            t.commented(at, index);
            comments.flush();
            ExpenseView view = views.full(t);
            String author = views.names(List.of(event.authorId())).getOrDefault(event.authorId(), "Someone");
            List<FeedUpdate> updates = new ArrayList<>();
            for (String user : t.members()) {
                updates.add(new FeedUpdate(user, FeedEvents.EXPENSE_UPDATED, view));
                if (!user.equals(event.authorId())) {
                    updates.add(inbox.notify(index, user, NotificationTypes.COMMENT, "New comment",
                            "%s commented on \"%s\": %s".formatted(author, label(t), event.text()),
                            Map.of("transactionId", t.transactionId(), "commentId", event.commentId(), "authorId", event.authorId()), at));
                }
            }
            return updates;
        });
    }

    private Transaction transaction(String id) {
        return transactions.find(id).orElseThrow(() -> new IllegalStateException("event for unknown transaction " + id));
    }

    private String ownerName(Transaction t) {
        return views.names(List.of(t.ownerId())).getOrDefault(t.ownerId(), "Someone");
    }

    private static String label(Transaction t) {
        return Objects.requireNonNullElse(t.description() != null ? t.description() : t.merchant(), "an expense");
    }
}
