package dev.tally.command.identity;

import dev.tally.platform.web.ApiException;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.stream.Collectors;

/** Bad registration or sign-in input: 400 with every field at fault, shaped like the bean-validation answers. */
public class InvalidRequest extends ApiException {

    public InvalidRequest(List<FieldError> errors) {
        super("validation_failed", errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")), errors);
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
