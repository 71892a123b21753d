package dev.tally.command.identity;

import org.springframework.http.HttpStatus;

import java.util.List;

/** Registration may say that an email is taken (the person must know to sign in instead); sign-in never does. */
public class EmailTaken extends dev.tally.platform.web.ApiException {

    public EmailTaken() {
        super("email_taken", "This email address is already registered; sign in instead.",
                List.of(new FieldError("email", "is already registered")));
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.CONFLICT;
    }
}
