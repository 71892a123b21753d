package dev.tally.platform.eventstore;

import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wait that nobody wakes, as Axon's consumer reading on its own out of the cache waits: asked once for the whole
 * timeout it answers "nothing" though an event came early in it; asked in slices it finds the event at the next slice.
 */
class SlicedWaitStreamTest {

    /** Looks for events only as a wait begins, then sleeps it out unwoken and answers no. */
    private static final class UnwokenWait implements TrackingEventStream {
        final AtomicBoolean arrived = new AtomicBoolean();
        final AtomicInteger waits = new AtomicInteger();

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            waits.incrementAndGet();
            if (arrived.get()) {
                return true;
            }
            unit.sleep(timeout);
            return false;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return arrived.get() ? Optional.of(event()) : Optional.empty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() {
            return event();
        }

        @Override
        public void close() {
        }

        private static TrackedEventMessage<?> event() {
            return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(1), GenericEventMessage.asEventMessage("came"));
        }
    }

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
    }

    @Test
    void anEventThatComesDuringAnUnwokenWaitIsFoundAtTheNextSlice() throws Exception {
        UnwokenWait unwoken = new UnwokenWait();
        later.schedule(() -> unwoken.arrived.set(true), 200, TimeUnit.MILLISECONDS);
        try (SlicedWaitStream sliced = new SlicedWaitStream(unwoken, Duration.ofMillis(50))) {
            assertThat(sliced.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sliced.nextAvailable().getPayload()).isEqualTo("came");
        }
        assertThat(unwoken.waits.get()).as("asked again every slice until it came, not for the whole timeout").isGreaterThan(1);
    }

    @Test
    void withNothingComingItAnswersNoOnceTheTimeoutIsOver() throws Exception {
        UnwokenWait unwoken = new UnwokenWait();
        SlicedWaitStream sliced = new SlicedWaitStream(unwoken, Duration.ofMillis(50));
        assertThat(sliced.hasNextAvailable(300, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(sliced.hasNextAvailable(0, TimeUnit.MILLISECONDS)).as("a look without a wait").isFalse();
        assertThat(unwoken.waits.get()).as("a wait per slice, and the look").isBetween(2, 8);
    }
}
