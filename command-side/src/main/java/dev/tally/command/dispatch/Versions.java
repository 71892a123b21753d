package dev.tally.command.dispatch;

import dev.tally.platform.web.RuleViolation;

/** Aggregate versions on the wire: {@code ETag: "3"} in answers, {@code If-Match: "3"} on updates. */
public final class Versions {

    private Versions() {
    }

    /** The expected version in an {@code If-Match} header, or null when the client sent none or {@code *} (no check). */
    public static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.trim().equals("*")) {
            return null; // an empty header is not "absent": it is refused below like any other unreadable version
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            if (!value.matches("[0-9]{1,18}")) {
                throw new NumberFormatException();
            }
            long version = Long.parseLong(value);
            if (version < 0) {
                throw new NumberFormatException();
            }
            return version;
        } catch (NumberFormatException e) {
            throw new RuleViolation("invalid_if_match", "If-Match",
                    "If-Match must be the version from the ETag you read, such as \"3\"");
        }
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

}
