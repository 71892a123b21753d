package dev.tally.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/** Builds RFC 9457 problem details the same way for controllers and for filters that answer before them. */
public final class ProblemResponses {

    private final ObjectMapper objectMapper;

    public ProblemResponses(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public static ProblemDetail problem(HttpStatus status, String code, String title, String detail, List<ApiException.FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:tally:problem:" + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** A refusal answered before any controller, exactly as {@link ProblemAdvice} would answer it. */
    public void write(HttpServletResponse response, ApiException refusal) throws IOException {
        response.setStatus(refusal.status().value());
        if (refusal.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ProblemAdvice.retryAfterSeconds(refusal.retryAfter())));
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        objectMapper.writeValue(response.getOutputStream(), ProblemAdvice.problemOf(refusal));
    }

    public void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        String code = status == HttpStatus.UNAUTHORIZED ? "unauthorized" : status.name().toLowerCase();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        objectMapper.writeValue(response.getOutputStream(), problem(status, code, title, detail, null));
    }
}
