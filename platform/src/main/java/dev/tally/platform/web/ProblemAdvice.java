package dev.tally.platform.web;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.tally.api.money.InvalidMoneyException;
import org.slf4j.Logger;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.slf4j.LoggerFactory;
import dev.tally.platform.text.InvalidText;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.List;
import java.util.stream.Collectors;

/** Every error a client can cause becomes problem details; anything else is a 500 with no internals in it. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> refused(ApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(e.retryAfter())));
        }
        return answer.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problemOf(e));
    }

    /**
     * The problem details of a refusal, wherever it is answered (here, or by a filter before any controller); a refusal
     * that passes says when in the body too ({@code retryAfter}), for clients that see no headers (socket acks).
     */
    public static ProblemDetail problemOf(ApiException e) {
        ProblemDetail problem = ProblemResponses.problem(e.status(), e.code(), title(e.status()), e.getMessage(), e.errors());
        if (e.retryAfter() != null) {
            problem.setProperty("retryAfter", retryAfterSeconds(e.retryAfter()));
        }
        return problem;
    }

    /** Whole seconds, rounded up (never sooner than the limit allows), at least one. */
    public static long retryAfterSeconds(java.time.Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    @ExceptionHandler(InvalidMoneyException.class)
    public ProblemDetail invalidMoney(InvalidMoneyException e) {
        return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_amount", "Invalid amount", e.getMessage(),
                List.of(new ApiException.FieldError("amount", e.getMessage())));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    public ProblemDetail invalid(MethodArgumentNotValidException e) {
        List<ApiException.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldError(f.getField(), f.getDefaultMessage()))
                .sorted(java.util.Comparator.comparing(ApiException.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation_failed", "Invalid request", detail, errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<ApiException.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new ApiException.FieldError(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation_failed", "Invalid request",
                "Some parameters are not valid.", errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException refusal) { // a body past the size cap, found while it was read
                return refused(refusal);
            }
        }
        ProblemDetail problem = unreadableBody(e);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private ProblemDetail unreadableBody(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            if (mapping.getCause() instanceof InvalidText text) {
                return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation_failed", "Invalid request",
                        field + " " + text.getMessage(), List.of(new ApiException.FieldError(field, text.getMessage())));
            }
            if (mapping.getCause() instanceof InvalidMoneyException money) {
                return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid_amount", "Invalid amount", money.getMessage(),
                        List.of(new ApiException.FieldError(field, money.getMessage())));
            }
            String message = mapping instanceof InvalidFormatException
                    ? "has an invalid value"
                    : mapping instanceof MismatchedInputException ? "has the wrong type or is empty" : "cannot be read";
            return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed_request", "Malformed request",
                    field.isEmpty() ? "The request body is not valid JSON for this operation." : field + " " + message,
                    field.isEmpty() ? List.of() : List.of(new ApiException.FieldError(field, message)));
        }
        String detail = e.getCause() instanceof com.fasterxml.jackson.core.JsonParseException parse
                && parse.getOriginalMessage() != null && parse.getOriginalMessage().startsWith("Duplicate field")
                ? "The request body names a field twice." : "The request body is missing or is not one valid JSON document.";
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed_request", "Malformed request", detail, null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation_failed", "Invalid request",
                e.getName() + " has an invalid value", List.of(new ApiException.FieldError(e.getName(), "has an invalid value")));
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingRequestHeaderException.class})
    public ProblemDetail missing(Exception e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation_failed", "Invalid request", e.getMessage(), null);
    }

    /** Spring Security's firewall refuses a header it cannot trust (non-ASCII, control characters) when it is first read. */
    @ExceptionHandler(RequestRejectedException.class)
    public ProblemDetail rejected(RequestRejectedException e) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed_request", "Malformed request",
                "A header or the address of the request holds characters that are not allowed (headers are ASCII).", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ProblemDetail method(HttpRequestMethodNotSupportedException e) {
        return ProblemResponses.problem(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed", e.getMessage(), null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ProblemDetail mediaType(HttpMediaTypeNotSupportedException e) {
        return ProblemResponses.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Unsupported media type",
                "Send application/json.", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public ProblemDetail noRoute(NoResourceFoundException e) {
        return noSuchResource();
    }

    /** An address that names nothing: the answer of an unknown route, here and on the error path ({@link ProblemErrors}). */
    static ProblemDetail noSuchResource() {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "not_found", "Not found", "No such resource.", null);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (StorageUnavailable.isCauseOf(e)) {
            log.warn("The database could not be reached: {}", e.toString());
            return refused(new OverloadedException("storage_unavailable", "The database cannot be reached at the moment; a change "
                    + "may or may not have been recorded. Retry shortly, with the same Idempotency-Key to learn which.", java.time.Duration.ofSeconds(1)));
        }
        log.error("Unexpected error", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Internal error",
                        "Something went wrong on our side; nothing was changed. Try again later.", null));
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Invalid request";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
            case UNPROCESSABLE_ENTITY -> "Request refused";
            case TOO_MANY_REQUESTS -> "Too many requests";
            case PAYLOAD_TOO_LARGE -> "Request too large";
            case UNAUTHORIZED -> "Authentication required";
            default -> status.getReasonPhrase();
        };
    }
}
