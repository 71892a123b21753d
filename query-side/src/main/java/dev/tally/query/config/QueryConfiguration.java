package dev.tally.query.config;

import dev.tally.platform.eventstore.ProcessorPace;
import dev.tally.query.audit.AuditSnapshots;
import dev.tally.query.feed.FeedProperties;
import dev.tally.query.feed.RedisFeedPublisher;
import dev.tally.query.projection.HeldTokenStore;
import dev.tally.query.projection.OwnerSequencingPolicy;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ProjectionProperties;
import dev.tally.query.projection.ProjectionRebuild;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.RedoEventByEvent;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.ThrowableCause;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.Duration;

/**
 * Query-side wiring: its schemas, its entities and repositories only, the projection processor (tracking, several
 * segments, events of one owner in order, a JDBC dead-letter queue), and the live feed signal over Redis when enabled.
 */
@Configuration
@EnableConfigurationProperties({FeedProperties.class, ProjectionProperties.class})
@EntityScan("dev.tally.query")
@EnableJpaRepositories("dev.tally.query")
@EnableScheduling
public class QueryConfiguration {

    private static final int AUDIT_SNAPSHOT_BATCH = 500;

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Resolved lazily, when Axon configures itself: the schema migrations must not wait for Axon's transaction manager. */
    @Bean
    public ConfigurerModule projectionProcessor(ProjectionProperties properties, ObjectProvider<ConnectionProvider> connectionProvider,
                                                ObjectProvider<TransactionManager> transactionManager, ObjectProvider<DeadLetterSchema> deadLetterSchema,
                                                ObjectProvider<Serializer> serializer, @Qualifier("eventSerializer") ObjectProvider<Serializer> eventSerializer,
                                                ObjectProvider<TokenSchema> tokenSchema, ObjectProvider<ReadModelChange> change) {
        return configurer -> configurer.eventProcessing(processing -> configure(processing, properties, connectionProvider.getObject(),
                transactionManager.getObject(), deadLetterSchema.getObject(), serializer.getObject(), eventSerializer.getObject(),
                tokenSchema.getObject(), change.getObject()));
    }

    private static void configure(EventProcessingConfigurer processing, ProjectionProperties properties, ConnectionProvider connectionProvider,
                                  TransactionManager transactionManager, DeadLetterSchema deadLetterSchema,
                                  Serializer serializer, Serializer eventSerializer, TokenSchema tokenSchema, ReadModelChange change) {
        String group = ProjectionGroups.READ_MODELS;
        processing.registerTrackingEventProcessor(group, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(properties.threads())
                                .andInitialSegmentsCount(properties.segments())
                                .andBatchSize(properties.batchSize()))
                // a batch's token goes to the database with the batch's writes
                .registerTokenStore(group, c -> new HeldTokenStore(connectionProvider, serializer, tokenSchema, change))
                .registerSequencingPolicy(group, c -> new OwnerSequencingPolicy())
                // an event that failed in an optimistic batch is judged when its batch is redone event by event
                .registerDeadLetterPolicy(group, c -> (letter, cause) -> cause instanceof RedoEventByEvent
                        ? Decisions.doNotEnqueue() : Decisions.enqueue(storable(cause)))
                .registerDeadLetterQueue(group, c -> JdbcSequencedDeadLetterQueue.builder()
                        .processingGroup(group)
                        .connectionProvider(connectionProvider)
                        .transactionManager(transactionManager)
                        .schema(deadLetterSchema)
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build())
                // without it every event costs a query of the dead-letter table; the cache is kept per claimed segment
                .registerDeadLetteringEventHandlerInvokerConfiguration(group, (c, invoker) -> invoker.enableSequenceIdentifierCache());
    }

    /**
     * Audit snapshots: their own token, one thread, large batches (a handler does work once in hundreds of events),
     * paced by {@code tally.query.audit.snapshot-pace}: nobody waits for a snapshot, so under load it reads what came
     * meanwhile as one batch.
     */
    @Bean
    public ConfigurerModule auditSnapshotProcessor(@Value("${tally.query.audit.snapshot-pace:1s}") Duration pace) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessor(AuditSnapshots.PROCESSING_GROUP, c -> c.eventStore(),
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(AUDIT_SNAPSHOT_BATCH))
                .registerHandlerInterceptor(AuditSnapshots.PROCESSING_GROUP, c -> new ProcessorPace(pace, AUDIT_SNAPSHOT_BATCH)));
    }

    /**
     * Why an event was parked, as the dead-letter table can hold it: a database's refusal quotes the values it refused
     * (a NUL that PostgreSQL text cannot hold), and storing that message verbatim failed the parking itself, so the
     * processor retried the batch forever.
     */
    static ThrowableCause storable(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).replaceAll("[\\p{Cc}\\p{Cs}&&[^\\n\\t]]", "\uFFFD");
        return new ThrowableCause(cause.getClass().getName(),
                message.length() > ThrowableCause.TRUNCATED_MESSAGE_SIZE ? message.substring(0, ThrowableCause.TRUNCATED_MESSAGE_SIZE) : message);
    }

    /** At most 10 000 commits' signals wait for a slow Redis (a few MB); past that the gateways catch up from the table. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "tally.query.feed.redis-enabled", havingValue = "true")
    public RedisFeedPublisher redisFeedPublisher(StringRedisTemplate redis, ObjectMapper objectMapper, FeedProperties properties) {
        return new RedisFeedPublisher(redis, objectMapper, properties.redisChannel(), 10_000);
    }

    /** The documented command: start with {@code --tally.query.projections.rebuild-on-start=true}. */
    @Bean
    @ConditionalOnProperty(name = "tally.query.projections.rebuild-on-start", havingValue = "true")
    public ApplicationRunner rebuildOnStart(ProjectionRebuild rebuild) {
        return args -> rebuild.rebuild();
    }
}
