package dev.tally.command.identity;

import dev.tally.api.identity.SignOutListener;
import dev.tally.api.identity.UserSignedOut;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Tells the {@link SignOutListener}s about a sign-out once it committed (never about one that rolled back). */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class SignOutNotices {

    private final ObjectProvider<SignOutListener> listeners;

    SignOutNotices(ObjectProvider<SignOutListener> listeners) {
        this.listeners = listeners;
    }

    @EventHandler
    void on(UserSignedOut event) {
        CurrentUnitOfWork.get().root().afterCommit(u -> listeners.forEach(l -> l.signedOut(event.userId(), event.sessionId())));
    }
}
