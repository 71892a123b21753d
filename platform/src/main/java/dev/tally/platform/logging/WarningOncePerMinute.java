package dev.tally.platform.logging;

import org.slf4j.Logger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A warning that every call would repeat while a dependency is away (Redis down: each request, commit or socket):
 * logged at most once a minute, so the log still says it without drowning in it.
 */
public final class WarningOncePerMinute {

    private static final long MINUTE_NANOS = 60_000_000_000L;

    private final Logger log;
    private final AtomicLong last = new AtomicLong(System.nanoTime() - MINUTE_NANOS - 1);

    public WarningOncePerMinute(Logger log) {
        this.log = log;
    }

    /** Logs {@code message} unless a warning of this instance was logged less than a minute ago. */
    public void warn(Supplier<String> message) {
        long now = System.nanoTime();
        long before = last.get();
        if (now - before > MINUTE_NANOS && last.compareAndSet(before, now)) {
            log.warn(message.get());
        }
    }
}
