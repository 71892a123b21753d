package dev.tally.command.config;

import dev.tally.command.dispatch.CommandModel;
import dev.tally.platform.config.ModuleSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.tally.command.importing.ImportProperties;
import dev.tally.command.currency.RatesProperties;
import dev.tally.command.identity.RedisSignOuts;
import dev.tally.command.identity.TokenProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.data.redis.core.StringRedisTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;


@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({TokenProperties.class, ImportProperties.class, RatesProperties.class})
public class CommandSideConfiguration {

    @Bean
    public ModuleSchema commandSchema() {
        return new ModuleSchema("command", "classpath:db/command");
    }

    /** Accounts live for years and take a posting per transaction: load them from a snapshot. */
    @Bean
    public SnapshotTriggerDefinition accountSnapshots(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /**
     * Accounts and budgets are loaded for every expense: keep the ones in use in memory instead of replaying their
     * history each time. An entry another instance made stale fails its append as a conflict and is dropped on rollback.
     */
    @Bean(CommandModel.ACCOUNT_CACHE)
    public Cache accountCache(@Value("${tally.command.aggregate-cache.size:20000}") long size,
                              @Value("${tally.command.aggregate-cache.idle:PT1H}") Duration idle) {
        return new AggregateCache(size, idle);
    }

    @Bean(CommandModel.BUDGET_CACHE)
    public Cache budgetCache(@Value("${tally.command.aggregate-cache.size:20000}") long size,
                             @Value("${tally.command.aggregate-cache.idle:PT1H}") Duration idle) {
        return new AggregateCache(size, idle);
    }

    /** Snapshots are taken after commit on their own threads, never on the thread answering the request. */
    @Bean
    public SpringAggregateSnapshotterFactoryBean aggregateSnapshotter() {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        CustomizableThreadFactory threads = new CustomizableThreadFactory("snapshotter-");
        threads.setDaemon(true);
        snapshotter.setExecutor(Executors.newFixedThreadPool(2, threads));
        return snapshotter;
    }

    /** Split deployments: sign-outs reach the gateways through Redis. */
    @Bean
    @ConditionalOnProperty("tally.gateway.redis.enabled")
    public RedisSignOuts redisSignOuts(StringRedisTemplate redis, @Value("${tally.gateway.redis.prefix:tally}") String prefix) {
        return new RedisSignOuts(redis, prefix);
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider actingUserProvider() {
        // importId, recurringId: the transactions an import or a schedule records name it in their metadata
        return new SimpleCorrelationDataProvider("userId", "importId", "recurringId");
    }
}
