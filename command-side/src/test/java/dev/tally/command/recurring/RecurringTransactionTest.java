package dev.tally.command.recurring;

import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringEnded;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringOccurrenceSkipped;
import dev.tally.api.recurring.RecurringPaused;
import dev.tally.api.recurring.RecurringResumed;
import dev.tally.api.recurring.RecurringTemplate;
import dev.tally.command.account.FakeAccountLedger;
import dev.tally.command.budget.UserTimeZones;
import dev.tally.command.category.FakeCategoryDirectory;
import dev.tally.command.expense.RegisteredUsers;
import dev.tally.platform.web.ConflictException;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static dev.tally.api.recurring.Recurrence.Frequency.DAILY;
import static dev.tally.api.recurring.Recurrence.Frequency.MONTHLY;
import static dev.tally.api.recurring.Recurrence.Frequency.WEEKLY;
import static dev.tally.api.recurring.Recurrence.Frequency.YEARLY;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The rules of a recurring transaction, with its deadlines; Berlin moves to summer time on 2026-03-29. */
class RecurringTransactionTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 28);
    private AggregateTestFixture<RecurringTransaction> fixture;
    private final MovableClock clock = new MovableClock();
    private final FakeAccountLedger ledger = new FakeAccountLedger().with("a1", "alice", "EUR", false);
    private final RecurringTemplate rent = new RecurringTemplate(TransactionType.EXPENSE, "a1", Money.parse("950.00", "EUR"), null, "Rent", "Landlord");

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RecurringTransaction.class);
        fixture.registerInjectableResource(ledger);
        fixture.registerInjectableResource(new FakeCategoryDirectory());
        fixture.registerInjectableResource((UserTimeZones) userId -> "Europe/Berlin");
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(users);
    }

    /** Who still has an account: alice, until a test erases her. */
    private final Set<String> registered = new HashSet<>(Set.of("alice"));
    private final RegisteredUsers users = new RegisteredUsers() {
        @Override
        public Optional<String> contactByEmail(String askedBy, String email) {
            return Optional.empty();
        }

        @Override
        public boolean exists(String userId) {
            return registered.contains(userId);
        }
    };

    private static SetUpRecurring daily(Integer count) {
        return new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "950.00", null, "Rent", "Landlord",
                new Recurrence(DAILY, 1, START, null, count, false));
    }

    private RecurringOccurrenceRecorded recorded(long index, LocalDate date) {
        return new RecurringOccurrenceRecorded("r1", "alice", index, date, RecurringTransaction.transactionId("r1", index), rent);
    }

    @Test
    void theFirstOccurrenceWaitsForTheStartOfItsDayInTheOwnersZone() {
        fixture.givenNoPriorActivity()
                .when(daily(null))
                .expectSuccessfulHandlerExecution()
                .expectScheduledDeadline(Instant.parse("2026-03-27T23:00:00Z"), new OccurrenceDue(0));
    }

    @Test
    void aLateDeadlineCatchesUpEveryOccurrenceDueAndTheNextFollowsSummerTime() {
        clock.at("2026-03-29T08:00:00Z");
        fixture.givenCommands(daily(null))
                .whenTimeAdvancesTo(Instant.parse("2026-03-29T08:00:00Z"))
                .expectEvents(recorded(0, START), recorded(1, START.plusDays(1)))
                .expectScheduledDeadline(Instant.parse("2026-03-29T22:00:00Z"), new OccurrenceDue(2));
    }

    @Test
    void anOccurrenceAlreadyRecordedIsNotRecordedAgain() {
        clock.at("2026-03-28T08:00:00Z");
        fixture.givenCommands(daily(null))
                .andGiven(recorded(0, START))
                .whenTimeAdvancesTo(Instant.parse("2026-03-28T08:00:00Z"))
                .expectNoEvents();
    }

    @Test
    void theLastOccurrenceOfACountEndsIt() {
        clock.at("2026-03-28T08:00:00Z");
        fixture.givenCommands(daily(1))
                .whenTimeAdvancesTo(Instant.parse("2026-03-28T08:00:00Z"))
                .expectEvents(recorded(0, START), new RecurringEnded("r1", "alice"));
    }

    @Test
    void pausedNothingIsRecordedAndResumingPassesOverWhatFellMeanwhile() {
        clock.at("2026-03-27T08:00:00Z");
        fixture.givenCommands(daily(null), new PauseRecurring("r1", "alice"))
                .whenTimeAdvancesTo(Instant.parse("2026-03-29T08:00:00Z"))
                .expectNoEvents();
        clock.at("2026-03-30T08:00:00Z");
        fixture.givenCommands(daily(null), new PauseRecurring("r1", "alice"))
                .when(new ResumeRecurring("r1", "alice"))
                .expectEvents(new RecurringResumed("r1", "alice", 2))
                .expectScheduledDeadline(Instant.parse("2026-03-29T22:00:00Z"), new OccurrenceDue(2));
    }

    @Test
    void skippingTheNextOccurrenceWaitsForTheOneAfter() {
        clock.at("2026-03-27T08:00:00Z");
        fixture.givenCommands(daily(null))
                .when(new SkipOccurrence("r1", "alice", START))
                .expectEvents(new RecurringOccurrenceSkipped("r1", "alice", 0, START))
                .expectScheduledDeadline(Instant.parse("2026-03-28T23:00:00Z"), new OccurrenceDue(1));
    }

    @Test
    void aDateWithNoOccurrenceOrOneRecordedCannotBeSkipped() {
        fixture.givenCommands(new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "9.99", null, "Music", null,
                        new Recurrence(WEEKLY, 1, START, null, null, false)))
                .when(new SkipOccurrence("r1", "alice", START.plusDays(1)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenCommands(daily(null)).andGiven(recorded(0, START))
                .when(new SkipOccurrence("r1", "alice", START))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void anOccurrenceDueAfterItsOwnerErasedTheirAccountEndsTheScheduleInstead() {
        clock.at("2026-03-28T08:00:00Z");
        registered.remove("alice");
        fixture.givenCommands(daily(null))
                .whenTimeAdvancesTo(Instant.parse("2026-03-28T08:00:00Z"))
                .expectEvents(new RecurringEnded("r1", "alice"));
    }

    @Test
    void anOccurrenceCenturiesAheadIsFoundWithoutCountingUpToIt() {
        LocalDate farAhead = LocalDate.of(999_999_999, 12, 31);
        long index = java.time.temporal.ChronoUnit.DAYS.between(START, farAhead);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> fixture.givenCommands(daily(null)) // guards a hang, not a speed
                .when(new SkipOccurrence("r1", "alice", farAhead))
                .expectEvents(new RecurringOccurrenceSkipped("r1", "alice", index, farAhead)));
    }

    @Test
    void aStartThatWouldRecordMoreThanAThousandOccurrencesAtOnceIsRefused() {
        clock.at("2026-03-28T08:00:00Z");
        LocalDate today = LocalDate.of(2026, 3, 28);
        fixture.givenNoPriorActivity()
                .when(new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "1", null, null, null,
                        new Recurrence(DAILY, 1, today.minusDays(1000), null, null, false)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity() // exactly a thousand due, or a count that ends sooner
                .when(new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "1", null, null, null,
                        new Recurrence(DAILY, 1, today.minusDays(999), null, null, false)))
                .expectSuccessfulHandlerExecution();
        fixture.givenNoPriorActivity()
                .when(new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "1", null, null, null,
                        new Recurrence(DAILY, 1, LocalDate.of(1900, 1, 1), null, 12, false)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aClosedAccountEndsTheSchedule() {
        clock.at("2026-03-29T08:00:00Z");
        ledger.with("a1", "alice", "EUR", true);
        fixture.given(new dev.tally.api.recurring.RecurringSetUp("r1", "alice", rent, new Recurrence(DAILY, 1, START, null, null, false), "Europe/Berlin"))
                .andGivenCommands(new SkipOccurrence("r1", "alice", START)) // the next is now 03-29's, at 2026-03-28T22:00Z
                .whenTimeAdvancesTo(Instant.parse("2026-03-29T08:00:00Z"))
                .expectEvents(new RecurringEnded("r1", "alice"));
    }

    @Test
    void refusals() {
        fixture.givenNoPriorActivity()
                .when(new SetUpRecurring("r1", "alice", TransactionType.TRANSFER, "a1", "1", null, null, null, new Recurrence(DAILY, 1, START, null, null, false)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "1", null, null, null, new Recurrence(WEEKLY, 0, START, START.minusDays(1), null, true)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetUpRecurring("r1", "alice", TransactionType.EXPENSE, "a1", "1", null, null, null, new Recurrence(YEARLY, 1, START, LocalDate.of(10000, 1, 1), null, false)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new SetUpRecurring("r1", "mallory", TransactionType.EXPENSE, "a1", "1", null, null, null, new Recurrence(MONTHLY, 1, START, null, null, true)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenCommands(daily(null))
                .when(new PauseRecurring("r1", "mallory"))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.givenCommands(daily(null), new EndRecurring("r1", "alice"))
                .when(new ResumeRecurring("r1", "alice"))
                .expectException(ConflictException.class).expectNoEvents();
        fixture.givenCommands(daily(null))
                .when(new PauseRecurring("r1", "alice"))
                .expectEvents(new RecurringPaused("r1", "alice"));
    }

    /** A clock the test moves; the handlers read "today" in the owner's zone from it. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T00:00:00Z");

        void at(String instant) {
            now = Instant.parse(instant);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            MovableClock moved = this;
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return zone;
                }

                @Override
                public Clock withZone(ZoneId other) {
                    return moved.withZone(other);
                }

                @Override
                public Instant instant() {
                    return moved.now;
                }
            };
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
