package dev.tally.command.recurring;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record SkipOccurrence(@TargetAggregateIdentifier String recurringId, String actorId, LocalDate date) {
}
