package dev.tally.query.recurring;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringTemplate;

import java.time.LocalDate;
import java.util.List;

/**
 * A recurring transaction as {@code GET /recurring} lists it and {@code recurring:updated} carries it: what it records,
 * its schedule, its state, and its occurrences in the next 90 days (none while paused or once ended).
 */
public record RecurringView(String id, RecurringTemplate template, Recurrence recurrence, String timeZone, boolean paused, boolean ended,
                            List<Long> skipped, List<LocalDate> upcoming) implements FeedEvents.AboutRecurring {
}
