package dev.tally.command.account;

import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.money.Money;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * Posts every transaction's effect to its accounts, inside the transaction's own unit of work: the transaction and
 * the balance changes commit together or not at all (a posting to an account closed meanwhile undoes both).
 * Accounts are posted in id order so two transfers in opposite directions cannot deadlock.
 */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class AccountPostings {

    private final CommandGateway commands;

    AccountPostings(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(TransactionRecorded event, MetaData cause) {
        post(event.ownerId(), event.transactionId(), changes(event.details(), 1), cause);
    }

    @EventHandler
    void on(TransactionAmended event, MetaData cause) {
        Map<String, Money> changes = changes(event.before(), -1);
        changes(event.after(), 1).forEach((account, change) -> changes.merge(account, change, Money::plus));
        post(event.ownerId(), event.transactionId(), changes, cause);
    }

    @EventHandler
    void on(TransactionDeleted event, MetaData cause) {
        post(event.ownerId(), event.transactionId(), changes(event.details(), -1), cause);
    }

    @EventHandler
    void on(TransactionRestored event, MetaData cause) {
        post(event.ownerId(), event.transactionId(), changes(event.details(), 1), cause);
    }

    /** What a transaction does to each account, times {@code sign} (−1 undoes it). */
    static Map<String, Money> changes(TransactionDetails details, int sign) {
        Map<String, Money> changes = new TreeMap<>();
        Money amount = sign < 0 ? details.amount().negate() : details.amount();
        switch (details.type()) {
            case EXPENSE -> changes.put(details.accountId(), amount.negate());
            case INCOME -> changes.put(details.accountId(), amount);
            case TRANSFER -> {
                changes.put(details.accountId(), amount.negate());
                changes.merge(details.toAccountId(), amount, Money::plus);
            }
        }
        return changes;
    }

    /**
     * The posting carries its transaction's metadata (acting user, trace): in a group commit the unit of work it runs in
     * is the group's, which has none of its own.
     */
    private void post(String ownerId, String transactionId, Map<String, Money> changes, MetaData cause) {
        new TreeMap<>(changes).forEach((accountId, change) -> {
            if (!change.isZero()) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new PostToAccount(accountId, ownerId, transactionId, change))
                        .andMetaData(cause));
            }
        });
    }
}
