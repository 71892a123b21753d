package dev.tally.query.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An opaque page cursor: the sort value and id of the last item of the previous page (keyset pagination, so pages
 * neither skip nor repeat items when new ones arrive). Decoded, it is client input: its value is checked by whoever
 * parses it, its id here.
 */
public record Cursor(String value, String id) {

    /**
     * What ids look like (UUIDs, or a prefix and one), at most the 64 characters the id columns hold: the id goes into
     * SQL, and PostgreSQL's driver refuses a NUL there with a 500.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((value + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 2 || !ID.matcher(parts[1]).matches()) {
                throw new IllegalArgumentException();
            }
            return new Cursor(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("cursor", "is not a cursor this API returned");
        }
    }
}
