package dev.tally.query.recurring;

import dev.tally.api.recurring.RecurringTemplate;

import java.time.LocalDate;

/** One occurrence still to come, as {@code GET /recurring/upcoming} lists them, soonest first. */
public record UpcomingOccurrence(String recurringId, LocalDate date, RecurringTemplate template) {
}
