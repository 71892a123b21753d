package dev.tally.command.identity;

import dev.tally.platform.web.TooManyRequests;

import java.time.Duration;

/** This email's sign-in delay from this address is running; answered 429 with {@code Retry-After}. */
public class TooManyAttempts extends TooManyRequests {

    public TooManyAttempts(Duration retryAfter) {
        super("too_many_attempts", "Too many failed sign-ins for this email from here; wait "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " seconds before trying again.", retryAfter);
    }
}
