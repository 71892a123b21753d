package dev.tally.platform.text;

/** A request's text broke the {@link TextPolicy}; the cause of the mapping exception that names the field. */
public class InvalidText extends RuntimeException {

    public InvalidText(String reason) {
        super(reason, null, false, false);
    }
}
