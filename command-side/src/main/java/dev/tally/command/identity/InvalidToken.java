package dev.tally.command.identity;

import dev.tally.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** A mailed token that is unknown, expired or used (alike, so answers reveal nothing): 400. */
public class InvalidToken extends ApiException {

    InvalidToken(String what) {
        super("invalid_token", "This " + what + " link is not valid any more (used, replaced by a newer one, or expired); ask for a new one.",
                null);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
