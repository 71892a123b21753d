package dev.tally.command.recurring;

/** The deadline's payload: the occurrence it was scheduled for (a later one may be due by the time it runs). */
public record OccurrenceDue(long index) {
}
