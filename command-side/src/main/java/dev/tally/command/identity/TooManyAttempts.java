package dev.tally.command.identity;

import dev.tally.platform.web.ApiException;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/** Sign-in is throttled for this email or client address; answered 429 with {@code Retry-After}. */
public class TooManyAttempts extends ApiException {

    private final Duration retryAfter;

    public TooManyAttempts(Duration retryAfter) {
        super("too_many_attempts", "Too many failed sign-ins; wait " + retryAfter.toSeconds() + " seconds before trying again.", null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }
}
