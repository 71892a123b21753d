package dev.tally.platform.text;

import java.text.Normalizer;

/**
 * The one policy for text a user sends: normalised to NFC; no C0 or C1 control characters (a newline only in
 * multi-line text); no lone surrogates (PostgreSQL's UTF-8 text cannot hold them, nor a NUL); and in names no
 * bidirectional embeddings, overrides or isolates, which can make a name read as something it is not.
 */
public final class TextPolicy {

    private TextPolicy() {
    }

    /** NFC form of {@code text}, or the reason it is refused anywhere (control characters, lone surrogates). */
    public static Result normalise(String text, boolean multiLine) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Result.refused("must not contain a lone surrogate (\\u" + hex(c) + ")");
            }
            if (Character.isLowSurrogate(c)) {
                return Result.refused("must not contain a lone surrogate (\\u" + hex(c) + ")");
            }
            if (isControl(c) && !(multiLine && c == '\n')) {
                return Result.refused("must not contain control characters (\\u" + hex(c) + ")");
            }
        }
        return Result.ok(Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    /** Why {@code name} is refused as a name (one line, no bidirectional controls), or null. Assumes {@link #normalise} passed. */
    public static String nameProblem(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '\n') {
                return "must be a single line";
            }
            if (isBidiControl(c)) {
                return "must not contain bidirectional control characters (\\u" + hex(c) + ")";
            }
        }
        return null;
    }

    /** Length as people count it: code points, not UTF-16 units. */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /** C0 (U+0000–U+001F), DEL and C1 (U+007F–U+009F). */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F);
    }

    /** LRE, RLE, PDF, LRO, RLO (U+202A–U+202E), LRI, RLI, FSI, PDI (U+2066–U+2069), and the marks LRM, RLM, ALM. */
    static boolean isBidiControl(char c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }

    /** Either the normalised text or why it was refused. */
    public record Result(String text, String refusal) {
        static Result ok(String text) {
            return new Result(text, null);
        }

        static Result refused(String why) {
            return new Result(null, why);
        }

        public boolean refused() {
            return refusal != null;
        }
    }
}
