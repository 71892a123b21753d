package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

/** The caller may see the thing but not do this to it (a participant changing an expense someone else paid): 403. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(String code, String message) {
        super(code, message, null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.FORBIDDEN;
    }
}
