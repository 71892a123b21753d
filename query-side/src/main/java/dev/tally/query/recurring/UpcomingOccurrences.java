package dev.tally.query.recurring;

import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.List;

/** Every occurrence of a user's recurring transactions still to come, soonest first: the upcoming list and budgets' forecasts. */
@Component
public class UpcomingOccurrences {

    private final RecurringRepository schedules;
    private final RecurringViews views;

    public UpcomingOccurrences(RecurringRepository schedules, RecurringViews views) {
        this.schedules = schedules;
        this.views = views;
    }

    /** From the next one due up to {@code days} from today, skipped ones left out. */
    public List<UpcomingOccurrence> of(String ownerId, int days) {
        return schedules.findByOwnerIdOrderByRecurringId(ownerId).stream()
                .flatMap(s -> views.upcoming(s, days).stream())
                .sorted(Comparator.comparing(UpcomingOccurrence::date).thenComparing(UpcomingOccurrence::recurringId))
                .toList();
    }
}
