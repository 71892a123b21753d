package dev.tally.command.config;

import dev.tally.platform.config.ModuleSchema;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import dev.tally.command.identity.TokenProperties;
import java.time.Clock;


@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(TokenProperties.class)
public class CommandSideConfiguration {

    /** Processing group of the command model's own consistency tables (account ledger, category names). */
    public static final String CONSISTENCY_GROUP = "command-consistency";

    @Bean
    public ModuleSchema commandSchema() {
        return new ModuleSchema("command", "classpath:db/command");
    }

    /** Every event records who acted ({@code userId}) and the request it came from ({@code correlationId}, {@code traceId}). */
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
        return new SimpleCorrelationDataProvider("userId");
    }
}
