package dev.tally.query.web;

/** Page sizes the list endpoints accept. */
public final class Limits {

    public static final int DEFAULT = 50;
    public static final int MAX = 200;

    private Limits() {
    }

    public static int check(Integer limit) {
        if (limit == null) {
            return DEFAULT;
        }
        if (limit < 1 || limit > MAX) {
            throw new InvalidQuery("limit", "must be between 1 and " + MAX);
        }
        return limit;
    }
}
