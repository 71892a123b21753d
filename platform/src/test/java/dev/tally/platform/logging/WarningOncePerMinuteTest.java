package dev.tally.platform.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WarningOncePerMinuteTest {

    @Test
    void theFirstWarningIsLoggedAndItsRepeatsWithinTheMinuteAreNotEvenWritten() {
        Logger logger = (Logger) LoggerFactory.getLogger("test.warning-once-per-minute." + UUID.randomUUID());
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        WarningOncePerMinute warning = new WarningOncePerMinute(logger);
        AtomicInteger written = new AtomicInteger();

        for (int i = 0; i < 1_000; i++) {
            warning.warn(() -> "Redis cannot be reached (" + written.incrementAndGet() + ")");
        }

        assertThat(seen.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("Redis cannot be reached (1)");
        assertThat(seen.list.get(0).getLevel()).hasToString("WARN");
        assertThat(written).hasValue(1);
    }
}
