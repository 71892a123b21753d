package dev.tally.query.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The system clock in UTC unless a test sets the instant; tests that set it reset it when done. */
public class TestClock extends Clock {

    private volatile Instant fixed;

    public void set(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Instant at = fixed;
        return at == null ? Clock.system(zone) : Clock.fixed(at, zone);
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at == null ? Instant.now() : at;
    }
}
