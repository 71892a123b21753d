package dev.tally.query.audit;

import java.time.Instant;

/**
 * The thing as it was at {@code asOf}, rebuilt from its events up to then ({@code version} is the sequence of the last
 * one); {@code exists} is false, with no state, when it had not been created yet.
 */
public record AuditState(String kind, String id, Instant asOf, boolean exists, Long version, Object state) {
}
