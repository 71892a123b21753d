package dev.tally.platform.web;

import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.stream.Collectors;

/** Input that is not well-formed (a field, a header or a parameter): 400 with every field at fault, like bean validation's answers. */
public class InvalidRequest extends ApiException {

    public InvalidRequest(List<FieldError> errors) {
        super("validation_failed", errors.stream().map(e -> e.field() + " " + e.message()).collect(Collectors.joining("; ")), errors);
    }

    public InvalidRequest(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    @Override
    public HttpStatus status() {
        return HttpStatus.BAD_REQUEST;
    }
}
