package dev.tally.query;

import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BootTest extends QueryTestBase {

    @Test
    void startsWithItsSchemasAndProcessor() {
        assertThat(processor().isRunning()).isTrue();
    }
}
