package dev.tally.command.identity;

import dev.tally.api.identity.UserRegistered;
import dev.tally.command.category.DefaultCategories;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Gives every new user the default categories in the registering transaction: the consistency group is subscribing
 * and propagates errors, so a user never exists without them, and a failure here undoes the registration.
 */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class NewUserCategories {

    private final CommandGateway commands;

    NewUserCategories(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(UserRegistered event) {
        DefaultCategories.forUser(event.userId()).forEach(commands::sendAndWait);
    }
}
