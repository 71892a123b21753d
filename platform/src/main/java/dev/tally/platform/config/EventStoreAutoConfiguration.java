package dev.tally.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import dev.tally.platform.eventstore.AppendOrigin;
import dev.tally.platform.eventstore.EventSerialization;
import dev.tally.platform.privacy.DataKeys;
import dev.tally.platform.privacy.MasterKey;
import dev.tally.platform.privacy.PersonalDataEraser;
import dev.tally.platform.privacy.PersonalDataSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import java.nio.file.Path;
import java.time.Clock;
import dev.tally.platform.eventstore.EventStoreWakeUp;
import dev.tally.platform.eventstore.TailingJdbcEventStorageEngine;
import dev.tally.platform.eventstore.WakeableEventStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;

/**
 * Axon on a relational database without Axon Server: the JDBC engine (bytea payloads, BIGSERIAL global index,
 * one batched insert per commit) instead of the JPA engine Boot would otherwise pick, snake_case names, and Jackson.
 * Declared before Axon's own auto-configurations so theirs back off.
 */
@AutoConfiguration(before = {AxonAutoConfiguration.class, JdbcAutoConfiguration.class,
        JpaAutoConfiguration.class, JpaEventStoreAutoConfiguration.class})
public class EventStoreAutoConfiguration {

    /**
     * Each event processor's lag as Axon measures it ({@code eventProcessor_latency{processorName=…}}), and only that:
     * Axon's full set of monitors (timers, counters, capacity on every bus and processor) cost a tenth of an expense's
     * CPU, so {@code axon.metrics.auto-configuration} is off (tally-defaults.yml).
     */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"}) // an event processor only ever hands its monitor events
    ConfigurerModule processorLatencyMetrics(ObjectProvider<MeterRegistry> registries) {
        return configurer -> registries.ifAvailable(registry -> configurer.configureMessageMonitor(EventProcessor.class,
                (configuration, type, name) -> (MessageMonitor) EventProcessorLatencyMonitor.builder().meterNamePrefix("eventProcessor")
                        .meterRegistry(registry).tagsBuilder(message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, name)).build()));
    }

    @Bean
    static PostgresConnections postgresConnections(ObjectProvider<AppendOrigin> thisProcess) {
        return new PostgresConnections(thisProcess);
    }

    /** This process, as its appends' notifications name it; static, as the post-processor above asks for it before other beans. */
    @Bean
    public static AppendOrigin appendOrigin() {
        return AppendOrigin.random();
    }

    /**
     * Every person's data key, wrapped by the master key (configured, or generated into the data folder at first start;
     * docs/operations.md, "Personal data keys").
     */
    @Bean
    public DataKeys dataKeys(DataSource dataSource, PlatformTransactionManager transactions,
                             @Value("${tally.privacy.master-key:}") String masterKey,
                             @Value("${tally.privacy.master-key-location:${tally.data-dir:./data}/keys/master.key}") String location,
                             @Value("${tally.privacy.generate-master-key:true}") boolean generate,
                             @Value("${tally.privacy.previous-master-key:}") String previousMasterKey) {
        return new DataKeys(new JdbcTemplate(dataSource), transactions, () -> MasterKey.load(masterKey, Path.of(location), generate),
                () -> MasterKey.previous(previousMasterKey), Clock.systemUTC());
    }

    /**
     * The master key is checked (and rotated, given the previous one) once the schema is migrated, before the event
     * processors and the web server start: a process with the wrong key refuses to start rather than fail at its first
     * event. Gateways read no personal data and turn it off.
     */
    @Bean
    @ConditionalOnProperty(name = "tally.privacy.check-master-key-at-start", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton masterKeyCheck(DataKeys dataKeys) {
        return dataKeys::checkMasterKey;
    }

    /** Events and snapshots: Jackson, with each {@code @PersonalData} field encrypted under its subject's key. */
    @Bean
    @Primary
    public PersonalDataSerializer serializer(DataKeys dataKeys) {
        return new PersonalDataSerializer(EventSerialization.serializer(), dataKeys);
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(PersonalDataSerializer serializer) {
        return serializer;
    }

    @Bean
    public PersonalDataEraser personalDataEraser(DataSource dataSource, DataKeys dataKeys, PersonalDataSerializer serializer) {
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(500); // an upgraded store's old events are read through a cursor, not all at once
        return new PersonalDataEraser(streaming, dataKeys, serializer, EventSerialization.objectMapper());
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return EventSerialization.serializer();
    }

    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /** Axon's default resolver misses the duplicate key of its own batched insert; without this a race on one aggregate is a 500, not a conflict. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver("23505");
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 PersistenceExceptionResolver persistenceExceptionResolver) {
        return new TailingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(connectionProvider)
                .schema(eventSchema)
                .dataType(byte[].class)
                .persistenceExceptionResolver(persistenceExceptionResolver), transactionManager);
    }

    /**
     * Declared here because {@code axon.eventstore.fetch-delay} does not exist in 4.13.0. In one JVM the store wakes
     * its processors at once; a commit in another JVM wakes it through {@link EventStoreWakeUp}, and the fetch delay
     * bounds how late it is seen when that notification is missed.
     * <p>
     * The newest {@code cached-events} events stay in memory for the processors reading near the head (one that falls
     * further behind reads on its own from the database until it catches up). Axon keeps 10 000; at a few hundred
     * events a second they lived for several young collections, and copying them from survivor space to survivor space
     * was most of each pause (docs/benchmarks.md). A thousand still covers the lag at which the command side sheds load.
     */
    @Bean(destroyMethod = "shutDown")
    public WakeableEventStore eventStore(EventStorageEngine eventStorageEngine,
                                         @Value("${tally.eventstore.fetch-delay:1000ms}") java.time.Duration fetchDelay,
                                         @Value("${tally.eventstore.cached-events:1000}") int cachedEvents,
                                         org.axonframework.config.Configuration configuration) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(eventStorageEngine)
                .messageMonitor(configuration.messageMonitor(EmbeddedEventStore.class, "eventStore"))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(cachedEvents));
    }

    /** On PostgreSQL, another process's commit wakes this one's event store at once (see db/eventstore-postgresql). */
    @Bean
    @ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:postgresql:') and ${tally.eventstore.wake-on-append:true}")
    public EventStoreWakeUp eventStoreWakeUp(WakeableEventStore eventStore, AppendOrigin thisProcess, DataSourceProperties dataSource) {
        return new EventStoreWakeUp(eventStore, thisProcess, dataSource.determineUrl(), dataSource.determineUsername(), dataSource.determinePassword());
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .contentType(byte[].class)
                .build();
    }
}
