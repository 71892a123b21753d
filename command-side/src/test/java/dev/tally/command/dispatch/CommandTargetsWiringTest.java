package dev.tally.command.dispatch;

import dev.tally.command.support.CommandApiTest;
import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's aggregate configuration takes the command target resolver from its components, where the bean is. */
class CommandTargetsWiringTest extends CommandApiTest {

    @Autowired
    Configuration axon;

    @Test
    void everyAggregateFindsItsTargetThroughCommandTargets() {
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CommandTargets.class);
    }
}
