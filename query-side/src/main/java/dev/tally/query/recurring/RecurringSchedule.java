package dev.tally.query.recurring;

import dev.tally.query.projection.ProjectedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A recurring transaction as it stands; its template, recurrence and skipped indexes are kept as JSON. */
@Entity
@Table(name = "recurring_view")
public class RecurringSchedule extends ProjectedRow {

    @Id
    @Column(name = "recurring_id")
    private String recurringId;
    private String ownerId;
    private String template;
    private String recurrence;
    private String timeZone;
    private long nextIndex;
    private String skipped;
    private boolean paused;
    private boolean ended;

    protected RecurringSchedule() {
    }

    RecurringSchedule(String recurringId, String ownerId, String template, String recurrence, String timeZone, long index) {
        this.recurringId = recurringId;
        this.ownerId = ownerId;
        this.template = template;
        this.recurrence = recurrence;
        this.timeZone = timeZone;
        this.skipped = "[]";
        this.lastIndex = index;
    }

    @Override
    public String getId() {
        return recurringId;
    }

    void changed(long index) {
        this.lastIndex = index;
    }

    String recurringId() {
        return recurringId;
    }

    String ownerId() {
        return ownerId;
    }

    String template() {
        return template;
    }

    void template(String template) {
        this.template = template;
    }

    String recurrence() {
        return recurrence;
    }

    String timeZone() {
        return timeZone;
    }

    long nextIndex() {
        return nextIndex;
    }

    void nextIndex(long nextIndex) {
        this.nextIndex = nextIndex;
    }

    String skipped() {
        return skipped;
    }

    void skipped(String skipped) {
        this.skipped = skipped;
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    boolean ended() {
        return ended;
    }

    void end() {
        this.ended = true;
    }
}
