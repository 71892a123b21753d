package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/** The request is well-formed but a business rule refuses it (422), optionally naming the field at fault. */
public class RuleViolation extends ApiException {

    public RuleViolation(String code, String message) {
        super(code, message, null);
    }

    public RuleViolation(String code, String field, String message) {
        super(code, message, List.of(new FieldError(field, message)));
    }

    public RuleViolation(String code, String message, List<FieldError> errors) {
        super(code, message, errors);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNPROCESSABLE_ENTITY;
    }
}
