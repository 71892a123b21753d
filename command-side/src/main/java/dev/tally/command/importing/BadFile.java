package dev.tally.command.importing;

import dev.tally.platform.web.RuleViolation;

import java.util.List;

/** A file that cannot be read as a whole (not the format it claims, a column the mapping names is missing): nothing of it is imported. */
class BadFile extends RuleViolation {

    BadFile(String reason) {
        super("bad_file", "The file cannot be imported: " + reason, List.of(new FieldError("content", reason)));
    }
}
