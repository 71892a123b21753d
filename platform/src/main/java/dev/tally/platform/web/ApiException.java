package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.List;

/**
 * A refusal that reaches the client as {@code application/problem+json}: the status, a stable machine-readable
 * {@code code}, a sentence for people, and the fields at fault. Aggregates throw the subclasses; nothing was changed.
 */
public abstract class ApiException extends RuntimeException {

    private final String code;
    private final List<FieldError> errors;

    protected ApiException(String code, String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.code = code;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public abstract HttpStatus status();

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** When the client may try again ({@code Retry-After}), for refusals that pass; none by default. */
    public Duration retryAfter() {
        return null;
    }

    /** One field at fault: its JSON path in the request ({@code amount}, {@code shares[1].value}) and what is wrong. */
    public record FieldError(String field, String message) {
    }
}
