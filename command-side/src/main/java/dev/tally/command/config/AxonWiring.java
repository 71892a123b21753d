package dev.tally.command.config;

import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hooks into Axon's own beans, kept apart from the beans Axon's configuration itself needs (avoids a creation cycle).
 * Command handler interceptors need no wiring: Axon registers every {@code MessageHandlerInterceptor} bean itself.
 */
@Configuration(proxyBeanMethods = false)
public class AxonWiring {

    /**
     * The consistency tables are updated in the command's own transaction, and a failure there (a posting to an
     * account that was closed meanwhile) must undo the whole command rather than be logged and forgotten.
     */
    @Autowired
    public void consistencyProcessing(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(CommandModel.CONSISTENCY_GROUP)
                .registerListenerInvocationErrorHandler(CommandModel.CONSISTENCY_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /**
     * Every aggregate's repository reads only its own kind's events from a stream, so the id of another kind (an
     * account's in a category's URL) is not found (404), rather than loaded into this kind, which has none of its state
     * and fails (500). Axon's Spring lookup drops {@code @Aggregate(filterEventsByType)}, so it is set here on each.
     */
    @Bean
    static BeanPostProcessor aggregatesReadTheirOwnKindOnly() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof SpringAggregateConfigurer<?> aggregate) {
                    aggregate.setFilterEventsByType(true);
                }
                return bean;
            }
        };
    }
}
