package dev.tally.command.config;

import dev.tally.command.budget.Budget;
import dev.tally.platform.eventstore.ProcessorPace;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** Budgets live for years and collect an event per expense: they snapshot, and their process manager never skips an event. */
@Configuration(proxyBeanMethods = false)
public class BudgetConfiguration {

    @Bean(Budget.SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition budgetSnapshotTrigger(Snapshotter snapshotter,
                                                           @Value("${tally.budget.snapshot-every:50}") int eventsBetweenSnapshots) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, eventsBetweenSnapshots);
    }

    /**
     * A failed command (a concurrent change of the budget) rolls the batch back and is retried, rather than logged and
     * lost. Events are handled in batches of up to {@code tally.budget.tracking-batch-size} per transaction: one commit
     * and one token update per batch rather than per expense, which under load was most of the database's work for a
     * recorded expense (docs/benchmarks.md). A batch is as small as what is waiting, so a quiet system stays prompt; after
     * a batch that was not full the processor pauses for {@code tally.budget.tracking-pace}, so that under load it
     * takes the expenses of that moment together rather than one commit of the command side at a time.
     */
    @Autowired
    public void budgetTracking(EventProcessingConfigurer processing,
                               @Value("${tally.budget.tracking-batch-size:100}") int batchSize,
                               @Value("${tally.budget.tracking-pace:100ms}") Duration pace) {
        processing.registerTrackingEventProcessor(Budget.TRACKING_GROUP)
                .registerTrackingEventProcessorConfiguration(Budget.TRACKING_GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(batchSize))
                .registerHandlerInterceptor(Budget.TRACKING_GROUP, c -> new ProcessorPace(pace, batchSize))
                .registerListenerInvocationErrorHandler(Budget.TRACKING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
