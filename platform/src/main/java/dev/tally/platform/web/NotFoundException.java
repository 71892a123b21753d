package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

/** The thing does not exist or belongs to someone else: both answer 404, so ids of other users' things leak nothing. */
public class NotFoundException extends ApiException {

    public NotFoundException(String what, String id) {
        super("not_found", "No " + what + " " + id + " here.", null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.NOT_FOUND;
    }
}
