package dev.tally.query.projection;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * A read-model row that remembers the global index of the last event applied to it ({@code last_index}), so that a
 * redelivered event (an index not above it) is recognised and changes nothing.
 */
@MappedSuperclass
public abstract class ProjectedRow implements Persistable<String> {

    @Column(name = "last_index", nullable = false)
    protected long lastIndex;

    @Transient
    private boolean stored;

    /** False when the event at {@code index} was already applied (a redelivery): the caller then changes nothing. */
    public boolean accepts(long index) {
        return index > lastIndex;
    }

    /**
     * New until loaded or persisted. Ids come from events, so without this Spring Data would take every new row for an
     * existing one and merge it: a SELECT before each INSERT.
     */
    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void stored() {
        stored = true;
    }
}
