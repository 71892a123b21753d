package dev.tally.query.projection;

/** The processing group every projection belongs to: one token set, one dead-letter queue, one rebuild. */
public final class ProjectionGroups {

    public static final String READ_MODELS = "query-read-models";

    private ProjectionGroups() {
    }
}
