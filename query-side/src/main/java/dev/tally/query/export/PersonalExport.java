package dev.tally.query.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.tally.query.account.Account;
import dev.tally.query.account.AccountRepository;
import dev.tally.query.audit.AuditEvent;
import dev.tally.query.budget.BudgetRepository;
import dev.tally.query.budget.BudgetViews;
import dev.tally.query.category.Category;
import dev.tally.query.category.CategoryRepository;
import dev.tally.query.expense.TransactionFilter;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.identity.UserRepository;
import dev.tally.query.notification.Inbox;
import dev.tally.query.notification.Notification;
import dev.tally.query.notification.NotificationRepository;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Everything a user owns, as one zip: their profile, accounts, categories, budgets, notifications, every transaction
 * (deleted ones too) as CSV and JSON, and the stored event history of each of those things, straight from the event
 * store ({@code events.jsonl}, one event a line, each thing's events in order). Written entry by entry while it is
 * read, in one database snapshot (the caller's transaction), so its size does not depend on memory.
 */
@Component
class PersonalExport {

    private static final int NOTIFICATION_PAGE = 500;

    private final TransactionRows transactions;
    private final AccountRepository accounts;
    private final CategoryRepository categories;
    private final BudgetRepository budgets;
    private final BudgetViews budgetViews;
    private final NotificationRepository notifications;
    private final Inbox inbox;
    private final UserRepository users;
    private final UserFeed feed;
    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    /** Leaves the zip open after each entry (a mapper closes what it writes to). */
    private final ObjectWriter values;
    private final Clock clock;

    PersonalExport(TransactionRows transactions, AccountRepository accounts, CategoryRepository categories, BudgetRepository budgets,
                   BudgetViews budgetViews, NotificationRepository notifications, Inbox inbox, UserRepository users, UserFeed feed,
                   EventStorageEngine storage, JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
        this.transactions = transactions;
        this.accounts = accounts;
        this.categories = categories;
        this.budgets = budgets;
        this.budgetViews = budgetViews;
        this.notifications = notifications;
        this.inbox = inbox;
        this.users = users;
        this.feed = feed;
        this.storage = storage;
        this.jdbc = jdbc;
        this.json = json;
        this.values = json.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        this.clock = clock;
    }

    void write(String userId, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("userId", userId);
        users.findById(userId).ifPresent(u -> {
            profile.put("displayName", u.displayName());
            profile.put("timeZone", u.timeZone());
        });
        profile.put("exportedAt", clock.instant());
        profile.put("feed", feed.position(userId));
        entry(zip, "profile.json", () -> values.writeValue(zip, profile));
        entry(zip, "accounts.json", () -> values.writeValue(zip,
                accounts.findByOwnerIdOrderByNameAscAccountIdAsc(userId).stream().map(Account::view).toList()));
        entry(zip, "categories.json", () -> values.writeValue(zip,
                categories.findByOwnerIdOrderByNameAsc(userId).stream().map(Category::view).toList()));
        entry(zip, "budgets.json", () -> values.writeValue(zip,
                budgets.findByOwnerIdAndRemovedFalseOrderByNameAscBudgetIdAsc(userId).stream().map(budgetViews::view).toList()));
        entry(zip, "notifications.json", () -> notifications(userId, zip));
        TransactionFilter all = new TransactionFilter(null, null, null, null, null, null, null, false);
        for (ExportFormat format : ExportFormat.values()) {
            entry(zip, "transactions." + format.extension, () -> {
                try (TransactionWriter writer = TransactionWriter.of(format, zip, json)) {
                    transactions.forEach(userId, all, true, writer::write);
                }
            });
        }
        entry(zip, "events.jsonl", () -> events(userId, zip));
        zip.finish();
        zip.flush();
    }

    /** Newest first, a page at a time: the inbox has no bound. */
    private void notifications(String userId, OutputStream out) throws IOException {
        try (JsonGenerator generator = json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            generator.writeStartArray();
            List<Notification> page = notifications.firstPage(userId, false, Limit.of(NOTIFICATION_PAGE));
            while (!page.isEmpty()) {
                for (Notification n : page) {
                    generator.writeObject(inbox.view(n));
                }
                Notification last = page.get(page.size() - 1);
                page = page.size() < NOTIFICATION_PAGE ? List.of()
                        : notifications.pageAfter(userId, false, last.createdAt(), last.notificationId(), Limit.of(NOTIFICATION_PAGE));
            }
            generator.writeEndArray();
        }
    }

    /** The user's own history, then each account's, category's, budget's (removed ones too) and transaction's. */
    private void events(String userId, OutputStream out) {
        Consumer<String> history = id -> {
            Iterator<? extends DomainEventMessage<?>> stored = storage.readEvents(id, 0).asStream().iterator();
            while (stored.hasNext()) {
                DomainEventMessage<?> m = stored.next();
                try {
                    out.write(json.writeValueAsBytes(new ExportedEvent(m.getType(), m.getAggregateIdentifier(), AuditEvent.of(m))));
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        history.accept(userId);
        ids("SELECT account_id FROM account_view WHERE owner_id = ? ORDER BY account_id", userId, history);
        ids("SELECT category_id FROM category_view WHERE owner_id = ? ORDER BY category_id", userId, history);
        ids("SELECT budget_id FROM budget_view WHERE owner_id = ? ORDER BY budget_id", userId, history);
        ids("SELECT transaction_id FROM transaction_view WHERE owner_id = ? ORDER BY transaction_id", userId, history);
    }

    /** Ids through a cursor: a million transactions' ids are not held at once. */
    private void ids(String sql, String userId, Consumer<String> action) {
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(TransactionRows.FETCH_SIZE);
            statement.setString(1, userId);
            return statement;
        }, (ResultSet rs) -> action.accept(rs.getString(1)));
    }

    private interface Body {
        void write() throws IOException;
    }

    private static void entry(ZipOutputStream zip, String name, Body body) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        body.write();
        zip.closeEntry();
    }
}
