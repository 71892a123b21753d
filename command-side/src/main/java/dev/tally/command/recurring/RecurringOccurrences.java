package dev.tally.command.recurring;

import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.command.dispatch.CommandModel;
import dev.tally.command.expense.RecordTransaction;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

/**
 * Records each occurrence's transaction in the occurrence's own unit of work: both commit or neither does. The
 * transaction's events name the schedule ({@code recurringId} in their metadata). The occurrence was checked against
 * the account and category as they are now ({@link RecurringTransaction}), so the rules accept it.
 */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class RecurringOccurrences {

    private final CommandGateway commands;

    RecurringOccurrences(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(RecurringOccurrenceRecorded event, MetaData cause) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordTransaction(event.transactionId(), event.ownerId(),
                RecurringTransaction.draft(event.template(), event.date())))
                .andMetaData(cause).andMetaData(MetaData.with("userId", event.ownerId()).and("recurringId", event.recurringId())));
    }
}
