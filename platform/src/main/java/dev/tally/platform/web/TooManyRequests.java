package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/**
 * Too many requests of one kind (a rate limit, a sign-in delay): 429 with {@code Retry-After} in whole seconds, and
 * the same figure as {@code retryAfter} in the body for clients that see no headers (socket acks).
 */
public class TooManyRequests extends ApiException {

    private final Duration retryAfter;

    public TooManyRequests(String code, String message, Duration retryAfter) {
        super(code, message, null);
        this.retryAfter = retryAfter;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.TOO_MANY_REQUESTS;
    }
}
