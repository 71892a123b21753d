package dev.tally.command.dispatch;

import dev.tally.platform.id.Ids;
import dev.tally.platform.security.Caller;

/**
 * What a command request carries besides its body, resolved once for every controller method that declares it
 * ({@link CommandContextResolver}): the caller, the {@code Idempotency-Key} (a retry answers the first result) and the
 * {@code If-Match} version a change expects (a stale one answers 409).
 */
public record CommandContext(Caller caller, String idempotencyKey, String ifMatch) {

    public String userId() {
        return caller.userId();
    }

    /** The version {@code If-Match} names, or null when absent or {@code *}; an unreadable one is refused (422). */
    public Long expectedVersion() {
        return Versions.fromIfMatch(ifMatch);
    }

    /** The id of the thing this request creates: derived from the {@code Idempotency-Key}, so a retry addresses the same one. */
    public String newId() {
        return Commands.newId(caller, idempotencyKey);
    }

    /** The id of a {@code kind} of thing a request creates inside another (a comment on an expense), the same way. */
    public String newId(String kind) {
        return idempotencyKey == null ? Ids.next() : Commands.newId(caller, kind + "\n" + idempotencyKey);
    }
}
