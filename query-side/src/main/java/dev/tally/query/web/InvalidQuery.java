package dev.tally.query.web;

import dev.tally.platform.web.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;

/** A query parameter that cannot be used (400, code {@code validation_failed}), naming the parameter at fault. */
public class InvalidQuery extends ApiException {

    public InvalidQuery(String parameter, String message) {
        super("validation_failed", parameter + " " + message, List.of(new FieldError(parameter, message)));
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
