package dev.tally.command.settle;

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
    public boolean ownsTransaction(String userId, String transactionId) {
        DomainEventStream stream = events.readEvents(transactionId);
        return stream.hasNext() && stream.next().getPayload() instanceof TransactionRecorded recorded && recorded.ownerId().equals(userId);
    }
}
