package dev.tally.query.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque page cursor: the sort value and id of the last item of the previous page (keyset pagination, so pages
 * neither skip nor repeat items when new ones arrive).
 */
public record Cursor(String value, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((value + "\n" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\n", -1);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new IllegalArgumentException();
            }
            return new Cursor(parts[0], parts[1]);
        } catch (IllegalArgumentException e) {
            throw new InvalidQuery("cursor", "is not a cursor this API returned");
        }
    }
}
