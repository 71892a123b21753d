package dev.tally.query.projection;

/**
 * An event failed in an optimistic batch: the batch rolls back and is redone event by event, where the event's own
 * failure decides whether it is dead-lettered. Never dead-lettered itself.
 */
public class RedoEventByEvent extends RuntimeException {

    public RedoEventByEvent(long index, RuntimeException cause) {
        super("the event at index " + index + " failed (" + cause + "); its batch is redone event by event", cause);
    }
}
