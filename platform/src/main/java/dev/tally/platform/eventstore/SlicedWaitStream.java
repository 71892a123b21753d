package dev.tally.platform.eventstore;

import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A processor's stream whose wait for the next event is asked again every slice. Axon's {@code EmbeddedEventStore}
 * wakes a waiting consumer only when its cache's reader adds events, and that reader runs only for the consumers that
 * read from the cache. A consumer that fell behind the cache reads the database on its own, and when it cannot find
 * its place in the cache again (its token and the cache's differ in their gaps, read at different moments) it waits
 * unwoken for the whole timeout (the processor's 1 s) and then answers "nothing", though events came meanwhile: the read
 * models stayed 0.5–1 s behind for as long as the load lasted (docs/benchmarks.md, 2026-12-06). Asked again, it reads
 * the database again. A consumer reading from the cache is woken as before; the slices cost it a wake-up each.
 */
final class SlicedWaitStream implements TrackingEventStream {

    private final TrackingEventStream stream;
    private final long sliceNanos;

    SlicedWaitStream(TrackingEventStream stream, Duration slice) {
        this.stream = stream;
        this.sliceNanos = slice.toNanos();
    }

    @Override
    public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
        long left = Math.max(0, unit.toNanos(timeout));
        long deadline = System.nanoTime() + left;
        do { // a zero timeout is one look without a wait
            if (stream.hasNextAvailable((int) Math.min(left, sliceNanos), TimeUnit.NANOSECONDS)) {
                return true;
            }
            left = deadline - System.nanoTime();
        } while (left > 0);
        return false;
    }

    @Override
    public Optional<TrackedEventMessage<?>> peek() {
        return stream.peek();
    }

    @Override
    public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
        return stream.nextAvailable();
    }

    @Override
    public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
    }

    @Override
    public boolean setOnAvailableCallback(Runnable callback) {
        return stream.setOnAvailableCallback(callback);
    }

    @Override
    public void close() {
        stream.close();
    }
}
