package dev.tally.command.identity;

import dev.tally.platform.web.ApiException;
import org.springframework.http.HttpStatus;

/** A refused sign-in or refresh (401). One message per case, whatever the reason, so answers reveal nothing. */
public class NotSignedIn extends ApiException {

    private NotSignedIn(String code, String message) {
        super(code, message, null);
    }

    /** Unknown email and wrong password alike. */
    public static NotSignedIn invalidCredentials() {
        return new NotSignedIn("invalid_credentials", "The email or password is not correct.");
    }

    /** Unknown, expired, used or revoked alike. */
    public static NotSignedIn invalidRefreshToken() {
        return new NotSignedIn("invalid_refresh_token", "The refresh token is not valid any more; sign in again.");
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.UNAUTHORIZED;
    }
}
