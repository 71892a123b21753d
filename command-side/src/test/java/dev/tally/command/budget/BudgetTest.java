package dev.tally.command.budget;

import dev.tally.api.budget.BudgetChanged;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetRemoved;
import dev.tally.api.budget.BudgetSpendingTracked;
import dev.tally.api.budget.BudgetThresholdReached;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.money.Money;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.ResultValidator;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import dev.tally.api.category.CategoryKind;
import dev.tally.command.category.FakeCategoryDirectory;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.axonframework.test.matchers.Matchers.predicate;

class BudgetTest {

    private static final String BUDGET = "budget-1";
    private static final String OWNER = "alice";
    /** Budgets in these tests were created on 10 November 2026 (UTC), so monthly ones count from 1 November. */
    private static final Instant CREATED = Instant.parse("2026-11-10T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);
    private static final LocalDate NOV_20 = LocalDate.of(2026, 11, 20);
    private static final LocalDate DEC_2 = LocalDate.of(2026, 12, 2);

    private AggregateTestFixture<Budget> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Budget.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new FakeCategoryDirectory()
                .with("cat-food", OWNER, "Food", CategoryKind.EXPENSE, false)
                .with("cat-salary", OWNER, "Salary", CategoryKind.INCOME, false)
                .with("cat-old", OWNER, "Old", CategoryKind.EXPENSE, true)
                .with("cat-theirs", "someone-else", "Food", CategoryKind.EXPENSE, false));
    }

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    private static BudgetCreated created(PeriodType period, String limit) {
        return new BudgetCreated(BUDGET, OWNER, "Groceries", "cat-food", period, eur(limit), List.of(50, 80, 100), "UTC");
    }

    private static BudgetCreated created() {
        return created(PeriodType.MONTHLY, "100.00");
    }

    private TestExecutor<Budget> given(Object... events) {
        return fixture.givenCurrentTime(CREATED).andGiven(events);
    }

    private static BudgetSpendingTracked tracked(String period, LocalDate start, String transaction, String contribution, String spent) {
        return new BudgetSpendingTracked(BUDGET, OWNER, period, start, transaction, eur(contribution), eur(spent), eur("100.00"));
    }

    private static BudgetSpendingTracked novTracked(String transaction, String contribution, String spent) {
        return tracked("2026-11", LocalDate.of(2026, 11, 1), transaction, contribution, spent);
    }

    private static BudgetThresholdReached reached(String period, int level, String spent) {
        return new BudgetThresholdReached(BUDGET, OWNER, period, level, eur(spent), eur("100.00"));
    }

    private static TrackBudgetSpending track(String transaction, LocalDate date, String amount) {
        return new TrackBudgetSpending(BUDGET, transaction, date, eur(amount));
    }

    private static CreateBudget create(String name, PeriodType period, Money limit, List<Integer> levels, String timeZone) {
        return new CreateBudget(BUDGET, OWNER, name, "cat-food", period, limit, levels, timeZone);
    }

    private void refused(Object command, String field, Object... given) {
        ResultValidator<Budget> result = given.length == 0 ? fixture.givenNoPriorActivity().when(command) : given(given).when(command);
        result.expectException(predicate((Throwable e) -> e instanceof RuleViolation violation
                        && violation.errors().get(0).field().equals(field)))
                .expectNoEvents();
    }

    // creating

    @Test
    void createsWithTheDefaultAlertLevelsAndTheOwnersTimeZone() {
        fixture.givenNoPriorActivity()
                .when(create(" Groceries ", PeriodType.MONTHLY, eur("400.00"), null, "Europe/Berlin"))
                .expectEvents(new BudgetCreated(BUDGET, OWNER, "Groceries", "cat-food", PeriodType.MONTHLY, eur("400.00"),
                        List.of(50, 80, 100), "Europe/Berlin"));
    }

    @Test
    void createsABudgetForAllSpendingWithItsOwnLevelsInAscendingOrder() {
        fixture.givenNoPriorActivity()
                .when(new CreateBudget(BUDGET, OWNER, "Everything", null, PeriodType.YEARLY, eur("12000"), List.of(100, 25, 1000), "UTC"))
                .expectEvents(new BudgetCreated(BUDGET, OWNER, "Everything", null, PeriodType.YEARLY, eur("12000"),
                        List.of(25, 100, 1000), "UTC"));
    }

    @Test
    void refusesBadInputWithTheFieldAtFault() {
        Money limit = eur("100");
        refused(create(" ", PeriodType.MONTHLY, limit, null, "UTC"), "name");
        refused(create("x".repeat(101), PeriodType.MONTHLY, limit, null, "UTC"), "name");
        refused(create("Food", null, limit, null, "UTC"), "period");
        refused(create("Food", PeriodType.MONTHLY, eur("0"), null, "UTC"), "limit");
        refused(create("Food", PeriodType.MONTHLY, eur("-5"), null, "UTC"), "limit");
        refused(create("Food", PeriodType.MONTHLY, null, null, "UTC"), "limit");
        refused(create("Food", PeriodType.MONTHLY, limit, List.of(0, 50), "UTC"), "alertLevels");
        refused(create("Food", PeriodType.MONTHLY, limit, List.of(1001), "UTC"), "alertLevels");
        refused(create("Food", PeriodType.MONTHLY, limit, List.of(50, 80, 50), "UTC"), "alertLevels");
        refused(create("Food", PeriodType.MONTHLY, limit, Arrays.asList(50, null), "UTC"), "alertLevels");
        refused(create("Food", PeriodType.MONTHLY, limit, null, "Mars/Olympus"), "timeZone");
        refused(create("Food", PeriodType.MONTHLY, limit, null, null), "timeZone");
    }

    @Test
    void countsOnlyOneOfTheOwnersLiveSpendingCategories() {
        Money limit = eur("100");
        for (String category : List.of("cat-unknown", "cat-theirs", "cat-salary", "cat-old")) {
            refused(new CreateBudget(BUDGET, OWNER, "Food", category, PeriodType.MONTHLY, limit, null, "UTC"), "categoryId");
        }
    }

    @Test
    void acceptsTheExtremeAlertLevels() {
        fixture.givenNoPriorActivity()
                .when(create("Food", PeriodType.WEEKLY, eur("10"), List.of(1, 1000), "UTC"))
                .expectEvents(new BudgetCreated(BUDGET, OWNER, "Food", "cat-food", PeriodType.WEEKLY, eur("10"), List.of(1, 1000), "UTC"));
    }

    // changing and removing

    @Test
    void changesNameLimitAndLevels() {
        given(created())
                .when(new ChangeBudget(BUDGET, OWNER, null, " Food ", "150.50", List.of(90)))
                .expectEvents(new BudgetChanged(BUDGET, OWNER, "Food", eur("150.50"), List.of(90)))
                .expectResultMessagePayload(1L);
    }

    @Test
    void changesOnlyWhatIsGiven() {
        given(created())
                .when(new ChangeBudget(BUDGET, OWNER, null, null, "200", null))
                .expectEvents(new BudgetChanged(BUDGET, OWNER, "Groceries", eur("200.00"), List.of(50, 80, 100)));
    }

    @Test
    void changingToTheSameValuesChangesNothing() {
        given(created())
                .when(new ChangeBudget(BUDGET, OWNER, null, "Groceries", "100", List.of(100, 80, 50)))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void refusesABadChange() {
        refused(new ChangeBudget(BUDGET, OWNER, null, " ", null, null), "name", created());
        refused(new ChangeBudget(BUDGET, OWNER, null, null, "0", null), "limit", created());
        refused(new ChangeBudget(BUDGET, OWNER, null, null, "1.234", null), "limit", created());
        refused(new ChangeBudget(BUDGET, OWNER, null, null, "lots", null), "limit", created());
        refused(new ChangeBudget(BUDGET, OWNER, null, null, null, List.of(80, 80)), "alertLevels", created());
    }

    @Test
    void loweringTheLimitRaisesTheLevelsNowReachedInTheCurrentPeriod() {
        given(created(), novTracked("t1", "60.00", "60.00"), reached("2026-11", 50, "60.00"))
                .when(new ChangeBudget(BUDGET, OWNER, null, null, "70", null))
                .expectEvents(new BudgetChanged(BUDGET, OWNER, "Groceries", eur("70.00"), List.of(50, 80, 100)),
                        new BudgetThresholdReached(BUDGET, OWNER, "2026-11", 80, eur("60.00"), eur("70.00")));
    }

    @Test
    void removes() {
        given(created())
                .when(new RemoveBudget(BUDGET, OWNER, null))
                .expectEvents(new BudgetRemoved(BUDGET, OWNER))
                .expectResultMessagePayload(1L);
    }

    @Test
    void aRemovedBudgetIsGone() {
        given(created(), new BudgetRemoved(BUDGET, OWNER))
                .when(new RemoveBudget(BUDGET, OWNER, null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        given(created(), new BudgetRemoved(BUDGET, OWNER))
                .when(new ChangeBudget(BUDGET, OWNER, null, "Food", null, null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        given(created(), new BudgetRemoved(BUDGET, OWNER))
                .when(track("t1", NOV_3, "10.00"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anotherUsersBudgetIsNotFound() {
        given(created())
                .when(new ChangeBudget(BUDGET, "mallory", null, "Mine", null, null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
        given(created())
                .when(new RemoveBudget(BUDGET, "mallory", null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    // tracking

    @Test
    void tracksANewExpense() {
        given(created())
                .when(track("t1", NOV_3, "12.34"))
                .expectEvents(novTracked("t1", "12.34", "12.34"));
    }

    @Test
    void aRepeatChangesNothing() {
        given(created(), novTracked("t1", "12.34", "12.34"))
                .when(track("t1", NOV_20, "12.34"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewAmountReplacesTheOldContribution() {
        given(created(), novTracked("t1", "12.34", "12.34"), novTracked("t2", "5.00", "17.34"))
                .when(track("t1", NOV_3, "20.00"))
                .expectEvents(novTracked("t1", "20.00", "25.00"));
    }

    @Test
    void aNewDateMovesTheContributionToItsPeriod() {
        given(created(), novTracked("t1", "30.00", "30.00"), novTracked("t2", "5.00", "35.00"))
                .when(track("t1", DEC_2, "30.00"))
                .expectEvents(novTracked("t1", "0.00", "5.00"),
                        tracked("2026-12", LocalDate.of(2026, 12, 1), "t1", "30.00", "30.00"));
    }

    @Test
    void aTransactionThatNoLongerCountsGoesToZero() {
        given(created(), novTracked("t1", "30.00", "30.00"), novTracked("t2", "5.00", "35.00"))
                .when(track("t1", NOV_3, "0"))
                .expectEvents(novTracked("t1", "0.00", "5.00"));
    }

    @Test
    void zeroForATransactionThatNeverCountedChangesNothing() {
        given(created())
                .when(track("t1", NOV_3, "0"))
                .expectNoEvents();
    }

    @Test
    void raisesEachLevelAsItIsReached() {
        given(created())
                .when(track("t1", NOV_3, "50.00"))
                .expectEvents(novTracked("t1", "50.00", "50.00"), reached("2026-11", 50, "50.00"));
        given(created(), novTracked("t1", "50.00", "50.00"), reached("2026-11", 50, "50.00"))
                .when(track("t2", NOV_3, "29.99"))
                .expectEvents(novTracked("t2", "29.99", "79.99"));
        given(created(), novTracked("t1", "50.00", "50.00"), reached("2026-11", 50, "50.00"))
                .when(track("t2", NOV_3, "30.00"))
                .expectEvents(novTracked("t2", "30.00", "80.00"), reached("2026-11", 80, "80.00"));
        given(created(), novTracked("t1", "80.00", "80.00"), reached("2026-11", 50, "80.00"), reached("2026-11", 80, "80.00"))
                .when(track("t2", NOV_20, "25.00"))
                .expectEvents(novTracked("t2", "25.00", "105.00"), reached("2026-11", 100, "105.00"));
    }

    @Test
    void oneJumpRaisesEveryLevelItPassesLowestFirst() {
        given(created())
                .when(track("t1", NOV_3, "100.00"))
                .expectEvents(novTracked("t1", "100.00", "100.00"), reached("2026-11", 50, "100.00"),
                        reached("2026-11", 80, "100.00"), reached("2026-11", 100, "100.00"));
    }

    @Test
    void aLevelIsNotRaisedAgainAfterSpendingFallsAndRises() {
        given(created(), novTracked("t1", "60.00", "60.00"), reached("2026-11", 50, "60.00"), novTracked("t1", "10.00", "10.00"))
                .when(track("t1", NOV_3, "70.00"))
                .expectEvents(novTracked("t1", "70.00", "70.00"));
    }

    @Test
    void eachPeriodRaisesItsLevelsAfresh() {
        given(created(), novTracked("t1", "60.00", "60.00"), reached("2026-11", 50, "60.00"))
                .when(track("t2", DEC_2, "55.00"))
                .expectEvents(tracked("2026-12", LocalDate.of(2026, 12, 1), "t2", "55.00", "55.00"),
                        reached("2026-12", 50, "55.00"));
    }

    @Test
    void spendingPastWhatALongHoldsStaysAtTheMostRatherThanStoppingTheTracking() {
        Money almostAll = new Money(Long.MAX_VALUE - 50, "EUR");
        given(created(), new BudgetSpendingTracked(BUDGET, OWNER, "2026-11", LocalDate.of(2026, 11, 1), "t1", almostAll, almostAll, eur("100.00")),
                reached("2026-11", 50, "1.00"), reached("2026-11", 80, "1.00"), reached("2026-11", 100, "1.00"))
                .when(track("t2", NOV_3, "1.00"))
                .expectEvents(new BudgetSpendingTracked(BUDGET, OWNER, "2026-11", LocalDate.of(2026, 11, 1), "t2", eur("1.00"),
                        new Money(Long.MAX_VALUE, "EUR"), eur("100.00")));
    }

    @Test
    void spendingInAnotherCurrencyDoesNotCount() {
        given(created())
                .when(new TrackBudgetSpending(BUDGET, "t1", NOV_3, Money.parse("500", "USD")))
                .expectNoEvents();
        // an expense moved to an account in another currency leaves the budget
        given(created(), novTracked("t1", "30.00", "30.00"))
                .when(new TrackBudgetSpending(BUDGET, "t1", NOV_3, Money.parse("30", "USD")))
                .expectEvents(novTracked("t1", "0.00", "0.00"));
    }

    @Test
    void spendingBeforeThePeriodTheBudgetWasCreatedInDoesNotCount() {
        given(created())
                .when(track("t1", LocalDate.of(2026, 10, 31), "40.00"))
                .expectNoEvents();
        given(created(), novTracked("t1", "40.00", "40.00"))
                .when(track("t1", LocalDate.of(2026, 10, 31), "40.00"))
                .expectEvents(novTracked("t1", "0.00", "0.00"));
    }

    @Test
    void weeksStartOnMonday() {
        given(created(PeriodType.WEEKLY, "100.00"))
                .when(track("t1", LocalDate.of(2026, 11, 29), "10.00")) // a Sunday
                .expectEvents(tracked("2026-W48", LocalDate.of(2026, 11, 23), "t1", "10.00", "10.00"));
        given(created(PeriodType.WEEKLY, "100.00"), tracked("2026-W48", LocalDate.of(2026, 11, 23), "t1", "10.00", "10.00"))
                .when(track("t1", LocalDate.of(2026, 11, 30), "10.00")) // the next Monday
                .expectEvents(tracked("2026-W48", LocalDate.of(2026, 11, 23), "t1", "0.00", "0.00"),
                        tracked("2026-W49", LocalDate.of(2026, 11, 30), "t1", "10.00", "10.00"));
    }

    @Test
    void aWeeklyBudgetCountsFromTheMondayOfItsFirstWeek() {
        given(created(PeriodType.WEEKLY, "100.00")) // created on Tuesday 10 November
                .when(track("t1", LocalDate.of(2026, 11, 8), "10.00"))
                .expectNoEvents();
        given(created(PeriodType.WEEKLY, "100.00"))
                .when(track("t1", LocalDate.of(2026, 11, 9), "10.00"))
                .expectEvents(tracked("2026-W46", LocalDate.of(2026, 11, 9), "t1", "10.00", "10.00"));
    }

    @Test
    void aYearlyBudgetCountsTheWholeYear() {
        given(created(PeriodType.YEARLY, "100.00"))
                .when(track("t1", LocalDate.of(2026, 1, 2), "60.00"))
                .expectEvents(tracked("2026", LocalDate.of(2026, 1, 1), "t1", "60.00", "60.00"), reached("2026", 50, "60.00"));
        given(created(PeriodType.YEARLY, "100.00"), tracked("2026", LocalDate.of(2026, 1, 1), "t1", "60.00", "60.00"),
                reached("2026", 50, "60.00"))
                .when(track("t2", LocalDate.of(2026, 12, 31), "1.00"))
                .expectEvents(tracked("2026", LocalDate.of(2026, 1, 1), "t2", "1.00", "61.00"));
    }

    @Test
    void theFirstPeriodIsTakenInTheOwnersTimeZone() {
        // 31 Oct 23:30 UTC is already 1 November in Tokyo
        fixture.givenCurrentTime(Instant.parse("2026-10-31T23:30:00Z"))
                .andGiven(new BudgetCreated(BUDGET, OWNER, "Food", null, PeriodType.MONTHLY, eur("100"), new ArrayList<>(List.of(50)), "Asia/Tokyo"))
                .when(track("t1", LocalDate.of(2026, 10, 31), "10.00"))
                .expectNoEvents();
    }
}
