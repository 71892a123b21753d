package dev.tally.command.settle;

import dev.tally.api.expense.ExpenseGroupChanged;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.Share;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import java.util.Set;
import java.util.TreeSet;

import dev.tally.api.expense.TransactionRecorded;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads {@code share_contact} (kept with the {@code ExpenseShared} events) and, for a linked transaction, its own first
 * event in the event store: the command side decides from its own records, never from a read model.
 */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class JdbcCounterparties implements Counterparties {

    private final JdbcClient jdbc;
    private final EventStore events;

    JdbcCounterparties(JdbcClient jdbc, EventStore events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    public boolean shareExpenses(String userId, String otherId) {
        return jdbc.sql("SELECT COUNT(*) FROM share_contact WHERE user_id = ? AND contact_id = ?").params(userId, otherId)
                .query(Long.class).single() > 0;
    }

    @Override
    public Set<String> sharedCurrencies(String userId, String otherId, String groupId) {
        return new TreeSet<>(groupId == null
                ? jdbc.sql("SELECT currency FROM share_currency WHERE user_id = ? AND contact_id = ?").params(userId, otherId).query(String.class).list()
                : jdbc.sql("SELECT DISTINCT currency FROM shared_expense_currency WHERE group_id = ?").param(groupId).query(String.class).list());
    }

    /** Each pair of payer and participant, and the expense itself, in the currency of its shares. */
    @EventHandler
    void on(ExpenseShared event) {
        if (event.shares().isEmpty()) {
            return;
        }
        String currency = event.shares().get(0).amount().currency();
        for (Share share : event.shares()) {
            if (!share.userId().equals(event.ownerId())) {
                jdbc.sql("INSERT INTO share_currency (user_id, contact_id, currency) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(event.ownerId(), share.userId(), currency).update();
                jdbc.sql("INSERT INTO share_currency (user_id, contact_id, currency) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(share.userId(), event.ownerId(), currency).update();
            }
        }
        if (jdbc.sql("UPDATE shared_expense_currency SET currency = ? WHERE transaction_id = ?").params(currency, event.transactionId()).update() == 0) {
            jdbc.sql("INSERT INTO shared_expense_currency (transaction_id, currency) VALUES (?, ?)").params(event.transactionId(), currency).update();
        }
    }

    /** Follows ExpenseShared in the same unit of work when an expense is shared in a group. */
    @EventHandler
    void on(ExpenseGroupChanged event) {
        jdbc.sql("UPDATE shared_expense_currency SET group_id = ? WHERE transaction_id = ?").params(event.groupId(), event.transactionId()).update();
    }

    @Override
    public boolean ownsTransaction(String userId, String transactionId) {
        DomainEventStream stream = events.readEvents(transactionId);
        return stream.hasNext() && stream.next().getPayload() instanceof TransactionRecorded recorded && recorded.ownerId().equals(userId);
    }
}
