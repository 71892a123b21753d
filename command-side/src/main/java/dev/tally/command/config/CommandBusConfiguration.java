package dev.tally.command.config;

import dev.tally.command.dispatch.CommandTargets;
import dev.tally.command.dispatch.CommandTransactions;
import dev.tally.command.dispatch.GroupCommit;
import dev.tally.command.dispatch.ReadSideLag;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.config.Configuration;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.time.Duration;

/**
 * The command bus as Axon's Boot configuration builds it, but with {@link CommandTransactions}; the group commit every
 * command from the API goes through; how a command finds its aggregate; and load shedding on the transaction endpoints.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class CommandBusConfiguration {

    /**
     * Load is shed where it comes from, recording and changing transactions (see ReadSideLag), and before anything
     * else is spent on it: after correlation ids and the request limits, ahead of Spring Security.
     */
    @Bean
    public FilterRegistrationBean<ReadSideLag> readSideShedding(ReadSideLag readSideLag) {
        FilterRegistrationBean<ReadSideLag> registration = new FilterRegistrationBean<>(readSideLag);
        registration.addUrlPatterns("/api/v1/transactions", "/api/v1/transactions/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Every aggregate's (Axon's configuration takes the one bean of this type for all of them). */
    @Bean
    public CommandTargets commandTargets() {
        return new CommandTargets();
    }

    @Bean
    public SimpleCommandBus commandBus(TransactionManager transactionManager, Configuration axon,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder()
                .transactionManager(new CommandTransactions(transactionManager))
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return commandBus;
    }

    /**
     * @param threads    committers; one user's commands always go to the same one
     * @param maxGroup   the most commands in one transaction
     * @param queueLimit commands waiting per committer beyond which new ones are refused with 503 at once
     * @param timeout    how long a request waits for its group to commit
     */
    @Bean
    public GroupCommit groupCommit(CommandBus commandBus, TransactionManager transactionManager, MeterRegistry meters,
                                   @Value("${tally.command.group-commit.threads:2}") int threads,
                                   @Value("${tally.command.group-commit.max-group:100}") int maxGroup,
                                   @Value("${tally.command.group-commit.queue-limit:2000}") int queueLimit,
                                   @Value("${tally.command.group-commit.timeout:PT30S}") Duration timeout) {
        return new GroupCommit(commandBus, transactionManager, threads, maxGroup, queueLimit, timeout, meters);
    }
}
