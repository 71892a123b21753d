package dev.tally.query.projection;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * A read-model row that remembers the global index of the last event applied to it ({@code last_index}), so that a
 * redelivered event (an index not above it) is recognised and changes nothing.
 */
@MappedSuperclass
public abstract class ProjectedRow {

    @Column(name = "last_index", nullable = false)
    protected long lastIndex;

    /** False when the event at {@code index} was already applied (a redelivery): the caller then changes nothing. */
    public boolean accepts(long index) {
        return index > lastIndex;
    }
}
