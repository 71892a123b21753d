package dev.tally.platform.eventstore;

import dev.tally.platform.test.TestEventStore;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A paced tracking processor handles what arrives while it pauses as one batch, and never pauses after a full one. */
class ProcessorPaceTest {

    private final List<Handled> handled = new CopyOnWriteArrayList<>();
    private EmbeddedEventStore store;
    private TrackingEventProcessor processor;

    record Handled(String payload, int batch) {
    }

    @BeforeEach
    void store() {
        PGSimpleDataSource dataSource = TestEventStore.emptied(System.getProperty("tally.test.db", "tally_platform_test") + "_pace");
        store = EmbeddedEventStore.builder().fetchDelay(50).storageEngine(TestEventStore.engine(dataSource).build()).build();
    }

    @AfterEach
    void stop() {
        if (processor != null) {
            processor.shutDown();
        }
        store.shutDown();
    }

    @Test
    void whatArrivesDuringThePauseIsHandledAsOneBatch() throws Exception {
        start(Duration.ofSeconds(3), 100);
        store.publish(GenericEventMessage.asEventMessage("first"));
        await().atMost(Duration.ofSeconds(2)).until(() -> handled.size() == 1); // a quiet processor is prompt

        for (int i = 0; i < 5; i++) {
            store.publish(GenericEventMessage.asEventMessage("later " + i)); // five commits, each waking the processor
            Thread.sleep(20);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 6);

        assertThat(handled.subList(1, 6)).extracting(Handled::batch).containsOnly(handled.get(1).batch())
                .doesNotContain(handled.get(0).batch());
    }

    @Test
    void afterAFullBatchItReadsOnAtOnce() {
        start(Duration.ofMinutes(1), 2);
        store.publish(IntStream.range(0, 5).mapToObj(i -> GenericEventMessage.asEventMessage("event " + i)).toList());

        // batches of 2, 2 and 1: a pause after either full batch would hold the rest for a minute
        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 5);
        assertThat(handled.stream().map(Handled::batch).distinct()).hasSize(3);
    }

    @Test
    void aPausedProcessorStopsWithoutWaitingOutItsPause() {
        start(Duration.ofMinutes(1), 100);
        store.publish(GenericEventMessage.asEventMessage("only"));
        await().atMost(Duration.ofSeconds(2)).until(() -> handled.size() == 1);

        long started = System.nanoTime();
        processor.shutDown(); // waits for its worker as long as Axon's termination timeout (5 s), then interrupts the pause
        processor = null;
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
    }

    private void start(Duration pause, int batchSize) {
        processor = TrackingEventProcessor.builder()
                .name("paced")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(new Object() {
                    @EventHandler
                    void on(String payload) {
                        handled.add(new Handled(payload, System.identityHashCode(CurrentUnitOfWork.get())));
                    }
                }).build())
                .messageSource(store)
                .tokenStore(new InMemoryTokenStore())
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize))
                .build();
        processor.registerHandlerInterceptor(new ProcessorPace(pause, batchSize));
        processor.start();
    }
}
