package dev.tally.query.feed;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.function.Supplier;

/** Spring's transaction synchronisation: an attachment is a resource bound to the transaction, its hooks a synchronisation. */
@Component
public class SpringTransactionScope implements TransactionScope {

    @Override
    public boolean active() {
        return TransactionSynchronizationManager.isSynchronizationActive() && TransactionSynchronizationManager.isActualTransactionActive();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Hooks> T attached(Object key, Supplier<T> start) {
        T attached = (T) TransactionSynchronizationManager.getResource(key);
        if (attached == null) {
            T made = start.get();
            TransactionSynchronizationManager.bindResource(key, made);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    made.beforeCommit();
                }

                @Override
                public void afterCommit() {
                    made.afterCommit();
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                    made.afterCompletion(status == STATUS_COMMITTED);
                }
            });
            attached = made;
        }
        return attached;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends Hooks> T find(Object key) {
        return (T) TransactionSynchronizationManager.getResource(key);
    }
}
