package dev.tally.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error path answers problem details too, in place of Boot's {@code BasicErrorController} and its
 * {@code {"timestamp","status","error"}}: requests refused before any controller (Spring Security's firewall: an
 * encoded {@code %}, {@code ;}, {@code //} or {@code ..;} in the address; Tomcat: a broken chunked body) keep the status
 * the container gave them. {@code /error} asked for directly is a path like any unknown one: 404, not Boot's 500.
 */
@RestController
public class ProblemErrors implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus given = request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? HttpStatus.resolve(code) : null;
        HttpStatus status = given != null ? given : HttpStatus.NOT_FOUND;
        ProblemDetail problem = switch (status) {
            case BAD_REQUEST -> ProblemResponses.problem(status, "malformed_request", "Malformed request",
                    "The request cannot be read: its address, a header or its body is not well-formed.", null);
            case NOT_FOUND -> ProblemAdvice.noSuchResource();
            case INTERNAL_SERVER_ERROR -> ProblemResponses.problem(status, "internal_error", "Internal error",
                    "Something went wrong on our side. Try again later.", null);
            // the codes ProblemAdvice and the filters give these statuses (method_not_allowed, payload_too_large …)
            default -> ProblemResponses.problem(status, status.name().toLowerCase(), ProblemAdvice.title(status),
                    status.getReasonPhrase() + ".", null);
        };
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
