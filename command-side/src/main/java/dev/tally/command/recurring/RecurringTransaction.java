package dev.tally.command.recurring;

import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringAmended;
import dev.tally.api.recurring.RecurringEnded;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringOccurrenceSkipped;
import dev.tally.api.recurring.RecurringPaused;
import dev.tally.api.recurring.RecurringResumed;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.recurring.RecurringTemplate;
import dev.tally.command.account.AccountLedger;
import dev.tally.command.budget.UserTimeZones;
import dev.tally.command.category.CategoryDirectory;
import dev.tally.command.expense.RegisteredUsers;
import dev.tally.command.expense.TransactionDraft;
import dev.tally.command.expense.TransactionRules;
import dev.tally.platform.web.ApiException.FieldError;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A transaction that records itself on a schedule (rent, subscriptions). Its next occurrence waits as a persistent
 * deadline (db-scheduler, in our database), fired at the start of its day in the owner's time zone. Each occurrence
 * has an index and records at most once: the aggregate knows the next index due, so a deadline that runs twice (a
 * crash before the scheduler marked it done) or late (after downtime: every occurrence due by today is caught up at
 * once) records nothing twice. The transaction's id is derived from the occurrence, so even a replayed command could
 * not create a second one.
 */
@Aggregate
public class RecurringTransaction {

    static final String DEADLINE = "recurring-occurrence";
    static final int MOST_DUE_AT_SET_UP = 1000;

    @AggregateIdentifier
    private String recurringId;
    private String ownerId;
    private RecurringTemplate template;
    private Recurrence recurrence;
    private ZoneId zone;
    private long nextIndex;
    private final Set<Long> skipped = new HashSet<>();
    private boolean paused;
    private boolean ended;

    protected RecurringTransaction() {
    }

    @CommandHandler
    public RecurringTransaction(SetUpRecurring command, AccountLedger ledger, CategoryDirectory categories, UserTimeZones zones,
                                DeadlineManager deadlines, Clock clock) {
        if (command.type() == TransactionType.TRANSFER) {
            throw new RuleViolation("invalid_recurring", "type", "a recurring transaction is an expense or an income");
        }
        check(command.recurrence());
        TransactionDetails details = new TransactionRules(ledger, categories).check(command.ownerId(), TransactionDraft.inOneAccount(
                command.type(), command.accountId(), command.amount(), command.categoryId(), command.recurrence().start(),
                command.description(), command.merchant()));
        String zone = zones.of(command.ownerId());
        requireFewDueAtOnce(command.recurrence(), LocalDate.now(clock.withZone(ZoneId.of(zone))));
        apply(new RecurringSetUp(command.recurringId(), command.ownerId(), new RecurringTemplate(details.type(), details.accountId(),
                details.amount(), details.categoryId(), details.description(), details.merchant()), command.recurrence(), zone));
        // a constructor's events reach the handlers only once it returns, and the aggregate has no id for its scope until
        // then either: the first occurrence is scheduled from the command, for a scope named explicitly (it is stored)
        deadlines.schedule(startOfDay(command.recurrence().occurrence(0), ZoneId.of(zone)), DEADLINE, new OccurrenceDue(0),
                new AggregateScopeDescriptor(RecurringTransaction.class.getSimpleName(), command.recurringId()));
    }

    @CommandHandler
    public void handle(AmendRecurring command, AccountLedger ledger, CategoryDirectory categories) {
        requireOwner(command.actorId());
        requireNotEnded();
        TransactionDraft changes = TransactionDraft.inOneAccount(null, null, command.amount(), command.categoryId(), null,
                command.description(), command.merchant());
        TransactionDetails details = new TransactionRules(ledger, categories)
                .check(ownerId, draft(template, recurrence.start()).amendedBy(changes), template.categoryId());
        apply(new RecurringAmended(recurringId, ownerId, new RecurringTemplate(details.type(), details.accountId(), details.amount(),
                details.categoryId(), details.description(), details.merchant()), nextIndex));
    }

    @CommandHandler
    public void handle(PauseRecurring command, DeadlineManager deadlines) {
        requireOwner(command.actorId());
        requireNotEnded();
        if (!paused) {
            apply(new RecurringPaused(recurringId, ownerId));
            deadlines.cancelAllWithinScope(DEADLINE);
        }
    }

    /** Occurrences that fell while it was paused are passed over: it goes on from today. */
    @CommandHandler
    public void handle(ResumeRecurring command, DeadlineManager deadlines, Clock clock) {
        requireOwner(command.actorId());
        requireNotEnded();
        if (paused) {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            long next = nextIndex;
            while (!recurrence.endsBefore(next) && recurrence.occurrence(next).isBefore(today)) {
                next++;
            }
            apply(new RecurringResumed(recurringId, ownerId, next));
            rescheduleOrEnd(deadlines);
        }
    }

    @CommandHandler
    public void handle(SkipOccurrence command, DeadlineManager deadlines) {
        requireOwner(command.actorId());
        requireNotEnded();
        long index = indexOf(command.date());
        if (index < nextIndex) {
            throw new RuleViolation("invalid_skip", "date", "that occurrence was recorded already");
        }
        if (!skipped.contains(index)) {
            boolean wasNext = index == nextIndex;
            apply(new RecurringOccurrenceSkipped(recurringId, ownerId, index, command.date()));
            if (wasNext && !paused) {
                rescheduleOrEnd(deadlines);
            }
        }
    }

    @CommandHandler
    public void handle(EndRecurring command, DeadlineManager deadlines) {
        requireOwner(command.actorId());
        if (!ended) {
            apply(new RecurringEnded(recurringId, ownerId));
            deadlines.cancelAllWithinScope(DEADLINE);
        }
    }

    /** Records every occurrence due by today (one, or several after downtime), then waits for the next. */
    @DeadlineHandler(deadlineName = DEADLINE)
    void due(OccurrenceDue due, DeadlineManager deadlines, Clock clock, AccountLedger ledger, CategoryDirectory categories,
             RegisteredUsers users) {
        if (paused || ended) {
            return;
        }
        if (!users.exists(ownerId)) {
            apply(new RecurringEnded(recurringId, ownerId)); // its owner erased their account: nothing more is theirs to record
            return;
        }
        if (ledger.find(template.accountId()).map(AccountLedger.LedgerAccount::closed).orElse(true)) {
            apply(new RecurringEnded(recurringId, ownerId)); // its account was closed: nothing can be recorded any more
            return;
        }
        // a category archived since goes: the occurrence is recorded uncategorised rather than not at all
        RecurringTemplate recorded = template.categoryId() == null || categories.find(template.categoryId())
                .filter(c -> !c.archived()).isPresent() ? template
                : new RecurringTemplate(template.type(), template.accountId(), template.amount(), null, template.description(), template.merchant());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        long before = nextIndex;
        while (!recurrence.endsBefore(nextIndex) && !recurrence.occurrence(nextIndex).isAfter(today)) {
            long index = nextIndex;
            apply(new RecurringOccurrenceRecorded(recurringId, ownerId, index, recurrence.occurrence(index), transactionId(recurringId, index),
                    recorded));
        }
        if (nextIndex != before) { // a second run of an occurrence already recorded has its successor scheduled already
            if (recurrence.endsBefore(nextIndex)) {
                apply(new RecurringEnded(recurringId, ownerId));
            } else {
                schedule(deadlines);
            }
        }
    }

    /** The id of the transaction occurrence {@code index} records: the same whoever computes it, however often. */
    static String transactionId(String recurringId, long index) {
        return UUID.nameUUIDFromBytes((recurringId + "\n" + index).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private void rescheduleOrEnd(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(DEADLINE);
        if (recurrence.endsBefore(nextIndex)) {
            apply(new RecurringEnded(recurringId, ownerId));
        } else {
            schedule(deadlines);
        }
    }

    /** At the start of the occurrence's day where the owner lives (a day that starts in a DST gap starts when the gap ends). */
    private void schedule(DeadlineManager deadlines) {
        deadlines.schedule(startOfDay(recurrence.occurrence(nextIndex), zone), DEADLINE, new OccurrenceDue(nextIndex));
    }

    private static java.time.Instant startOfDay(LocalDate date, ZoneId zone) {
        return date.atStartOfDay(zone).toInstant();
    }

    private long indexOf(LocalDate date) {
        long index = recurrence.indexOf(date);
        if (index < 0) {
            throw new RuleViolation("invalid_skip", "date", "no occurrence falls on " + date);
        }
        return index;
    }

    /**
     * A schedule that starts in the past records what fell due since at once, each occurrence a transaction with its
     * posting in one unit of work: a thousand at most (a daily one from 1900 would be some 46 000).
     */
    private static void requireFewDueAtOnce(Recurrence r, LocalDate today) {
        if (!r.endsBefore(MOST_DUE_AT_SET_UP) && !r.occurrence(MOST_DUE_AT_SET_UP).isAfter(today)) {
            throw new RuleViolation("invalid_recurring", "startDate", "more than " + MOST_DUE_AT_SET_UP
                    + " occurrences would fall due at once from this start; start it later");
        }
    }

    private static void check(Recurrence r) {
        List<FieldError> errors = new ArrayList<>();
        if (r == null || r.frequency() == null || r.start() == null) {
            throw new RuleViolation("invalid_recurring", "a schedule needs a frequency and a start date",
                    List.of(new FieldError("frequency", "is required"), new FieldError("startDate", "is required")));
        }
        if (r.interval() < 1 || r.interval() > 1000) {
            errors.add(new FieldError("interval", "must be between 1 and 1000"));
        }
        if (r.end() != null && r.end().isBefore(r.start())) {
            errors.add(new FieldError("endDate", "must not be before startDate"));
        } else if (r.end() != null && r.end().getYear() > 9999) { // the years every date of the API keeps to
            errors.add(new FieldError("endDate", "must be a day before the year 10000 (leave it out for no end)"));
        }
        if (r.count() != null && (r.count() < 1 || r.count() > 100_000)) {
            errors.add(new FieldError("count", "must be between 1 and 100000"));
        }
        if (r.lastDayOfMonth() && r.frequency() != Recurrence.Frequency.MONTHLY) {
            errors.add(new FieldError("lastDayOfMonth", "only a monthly schedule falls on the last day of the month"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation("invalid_recurring", "The schedule cannot be used as it is.", errors);
        }
    }

    private void requireOwner(String actorId) {
        if (!ownerId.equals(actorId)) {
            throw new NotFoundException("recurring transaction", recurringId);
        }
    }

    private void requireNotEnded() {
        if (ended) {
            throw new ConflictException("recurring_ended", "This recurring transaction has ended.");
        }
    }

    /** What the schedule records on {@code date}. */
    static TransactionDraft draft(RecurringTemplate template, LocalDate date) {
        return TransactionDraft.inOneAccount(template.type(), template.accountId(), template.amount().amount(), template.categoryId(), date,
                template.description(), template.merchant());
    }

    /** The next index due: after {@code index}, past every skipped one. */
    private void advanceFrom(long index) {
        nextIndex = index;
        while (skipped.contains(nextIndex)) {
            nextIndex++;
        }
    }

    @EventSourcingHandler
    void on(RecurringSetUp event) {
        recurringId = event.recurringId();
        ownerId = event.ownerId();
        template = event.template();
        recurrence = event.recurrence();
        zone = ZoneId.of(event.timeZone());
        nextIndex = 0;
        ended = recurrence.endsBefore(0);
    }

    @EventSourcingHandler
    void on(RecurringAmended event) {
        template = event.template();
    }

    @EventSourcingHandler
    void on(RecurringPaused event) {
        paused = true;
    }

    @EventSourcingHandler
    void on(RecurringResumed event) {
        paused = false;
        advanceFrom(event.nextIndex());
    }

    @EventSourcingHandler
    void on(RecurringOccurrenceSkipped event) {
        skipped.add(event.index());
        advanceFrom(nextIndex);
    }

    @EventSourcingHandler
    void on(RecurringOccurrenceRecorded event) {
        advanceFrom(event.index() + 1);
    }

    @EventSourcingHandler
    void on(RecurringEnded event) {
        ended = true;
    }
}
