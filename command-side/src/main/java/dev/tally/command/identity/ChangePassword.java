package dev.tally.command.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the password hash and ends every session but {@code keptSessionId} (the one that changed it; none after a
 * reset by mail, since whoever reset it may not be the one signed in elsewhere).
 */
public record ChangePassword(@TargetAggregateIdentifier String userId, String passwordHash, String keptSessionId, boolean byReset) {

    @Override
    public String toString() { // keeps the hash out of logs
        return "ChangePassword[userId=" + userId + ", byReset=" + byReset + "]";
    }
}
