package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

/** The request conflicts with the current state (stale version, duplicate, request in progress): 409. */
public class ConflictException extends ApiException {

    public ConflictException(String code, String message) {
        super(code, message, null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }
}
