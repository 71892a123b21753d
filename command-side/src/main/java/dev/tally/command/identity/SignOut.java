package dev.tally.command.identity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Ends sign-in sessions of a user: the listed ones, or every one of them with {@code allSessions}. */
public record SignOut(@TargetAggregateIdentifier String userId, List<String> sessionIds, boolean allSessions) {
}
