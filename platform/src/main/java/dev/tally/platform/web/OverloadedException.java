package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** The service is shedding load to stay prompt for what it already accepted: 503 with {@code Retry-After}; nothing was changed. */
public class OverloadedException extends ApiException {

    private final Duration retryAfter;

    public OverloadedException(String code, String message, Duration retryAfter) {
        super(code, message, null);
        this.retryAfter = retryAfter;
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.SERVICE_UNAVAILABLE;
    }

    @Override
    public Duration retryAfter() {
        return retryAfter;
    }
}
