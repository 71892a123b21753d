package dev.tally.platform.eventstore;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.time.Duration;

/**
 * For a tracking processor whose work need not follow each event at once (audit snapshots, budget tracking): after a
 * batch smaller than a full one commits, its thread pauses before it reads on, so what arrives meanwhile is handled as
 * one batch. A tracking processor otherwise wakes for every commit of the command side and pays a transaction and a
 * token update for each, most of its cost under load. A full batch goes on at once (catching up is not slowed), and a
 * quiet system still handles its first event at once: the pause comes after a batch, never before one.
 */
public class ProcessorPace implements MessageHandlerInterceptor<EventMessage<?>> {

    private final Duration pause;
    private final int fullBatch;

    public ProcessorPace(Duration pause, int fullBatch) {
        this.pause = pause;
        this.fullBatch = fullBatch;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain) throws Exception {
        if (!pause.isZero() && unitOfWork instanceof BatchingUnitOfWork<?> batch
                && batch.isFirstMessage() && batch.getMessages().size() < fullBatch) {
            unitOfWork.afterCommit(committed -> pause());
        }
        return interceptorChain.proceed();
    }

    private void pause() {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the processor is stopping: let it see so
        }
    }
}
