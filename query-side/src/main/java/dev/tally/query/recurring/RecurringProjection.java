package dev.tally.query.recurring;

import dev.tally.api.recurring.RecurringAmended;
import dev.tally.api.recurring.RecurringEnded;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringOccurrenceSkipped;
import dev.tally.api.recurring.RecurringPaused;
import dev.tally.api.recurring.RecurringResumed;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.notification.Inbox;
import dev.tally.query.notification.NotificationTypes;
import dev.tally.query.projection.ProjectionGroups;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.projection.ReadModelTables;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Recurring transactions as their owner lists them; every change tells the owner's devices ({@code recurring:updated}),
 * and each recorded occurrence is also a notification (the transaction itself arrives as {@code expense:created}).
 */
@Component
@ProcessingGroup(ProjectionGroups.READ_MODELS)
@ReadModelTables("recurring_view")
class RecurringProjection {

    private final RecurringRepository schedules;
    private final RecurringViews views;
    private final ReadModelChange change;
    private final Inbox inbox;

    RecurringProjection(RecurringRepository schedules, RecurringViews views, ReadModelChange change, Inbox inbox) {
        this.schedules = schedules;
        this.views = views;
        this.change = change;
        this.inbox = inbox;
    }

    @EventHandler
    void on(RecurringSetUp event, TrackingToken token) {
        change.apply(token, () -> {
            if (schedules.existsById(event.recurringId())) {
                return List.of();
            }
            RecurringSchedule s = schedules.save(new RecurringSchedule(event.recurringId(), event.ownerId(), views.write(event.template()),
                    views.write(event.recurrence()), event.timeZone(), ReadModelChange.index(token)));
            return List.of(update(s));
        });
    }

    @EventHandler
    void on(RecurringAmended event, TrackingToken token) {
        change(event.recurringId(), token, s -> s.template(views.write(event.template())));
    }

    @EventHandler
    void on(RecurringPaused event, TrackingToken token) {
        change(event.recurringId(), token, s -> s.paused(true));
    }

    @EventHandler
    void on(RecurringResumed event, TrackingToken token) {
        change(event.recurringId(), token, s -> {
            s.paused(false);
            s.nextIndex(event.nextIndex());
        });
    }

    @EventHandler
    void on(RecurringOccurrenceSkipped event, TrackingToken token) {
        change(event.recurringId(), token, s -> {
            List<Long> skipped = new ArrayList<>(views.skipped(s));
            skipped.add(event.index());
            s.skipped(views.write(skipped));
        });
    }

    @EventHandler
    void on(RecurringEnded event, TrackingToken token) {
        change(event.recurringId(), token, RecurringSchedule::end);
    }

    @EventHandler
    void on(RecurringOccurrenceRecorded event, @Timestamp Instant at, TrackingToken token) {
        long index = ReadModelChange.index(token);
        change.apply(token, () -> schedules.findById(event.recurringId())
                .filter(s -> s.accepts(index))
                .map(s -> {
                    s.nextIndex(event.index() + 1);
                    s.changed(index);
                    String what = event.template().description() != null ? event.template().description() : "A recurring " + event.template().type().name().toLowerCase();
                    return List.of(update(s), inbox.notify(index, event.ownerId(), NotificationTypes.RECURRING, what + " recorded",
                            event.template().amount().amount() + " " + event.template().amount().currency() + " on " + event.date() + ", as scheduled.",
                            Map.of("recurringId", event.recurringId(), "transactionId", event.transactionId(), "date", event.date().toString(),
                                    "amount", event.template().amount()), at));
                })
                .orElse(List.of()));
    }

    private void change(String recurringId, TrackingToken token, Consumer<RecurringSchedule> mutation) {
        long index = ReadModelChange.index(token);
        change.apply(token, () -> schedules.findById(recurringId)
                .filter(s -> s.accepts(index))
                .map(s -> {
                    mutation.accept(s);
                    s.changed(index);
                    return List.of(update(s));
                })
                .orElse(List.of()));
    }

    private FeedUpdate update(RecurringSchedule s) {
        return new FeedUpdate(s.ownerId(), FeedEvents.RECURRING_UPDATED, views.view(s));
    }
}
