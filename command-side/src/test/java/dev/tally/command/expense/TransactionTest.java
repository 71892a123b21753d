package dev.tally.command.expense;

import dev.tally.api.category.CategoryKind;
import dev.tally.api.expense.ExpenseCommented;
import dev.tally.api.expense.ExpenseGroupChanged;
import dev.tally.api.expense.ExpenseShared;
import dev.tally.api.expense.ExpenseUnshared;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.command.account.FakeAccountLedger;
import dev.tally.command.category.FakeCategoryDirectory;
import dev.tally.command.group.GroupDirectory;
import dev.tally.platform.web.ApiException;
import dev.tally.platform.web.ForbiddenException;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.any;

class TransactionTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 20);
    private static final String TX = "tx-1";

    private AggregateTestFixture<Transaction> fixture;
    private FakeAccountLedger ledger;
    private final Map<String, Set<String>> groupMembers = new HashMap<>(Map.of("trip", Set.of("alice", "bob", "carol")));
    private final GroupDirectory groups = new GroupDirectory() {
        @Override
        public boolean allMembers(String groupId, Collection<String> userIds) {
            return groupMembers.getOrDefault(groupId, Set.of()).containsAll(userIds);
        }

        @Override
        public String name(String groupId) {
            return groupId;
        }
    };

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transaction.class);
        ledger = new FakeAccountLedger()
                .with("eur", "alice", "EUR", false)
                .with("eur2", "alice", "EUR", false)
                .with("usd", "alice", "USD", false)
                .with("closed", "alice", "EUR", true)
                .with("bobs", "bob", "EUR", false);
        FakeCategoryDirectory categories = new FakeCategoryDirectory()
                .with("food", "alice", "Food", CategoryKind.EXPENSE, false)
                .with("pay", "alice", "Salary", CategoryKind.INCOME, false)
                .with("old", "alice", "Old", CategoryKind.EXPENSE, true)
                .with("bobfood", "bob", "Food", CategoryKind.EXPENSE, false);
        fixture.registerInjectableResource(ledger);
        fixture.registerInjectableResource(categories);
        fixture.registerInjectableResource(groups);
        fixture.registerInjectableResource(Clock.fixed(DAY.atTime(23, 59).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    private static TransactionDetails expense(String amount) {
        return new TransactionDetails(TransactionType.EXPENSE, "eur", null, eur(amount), "food", DAY, "Lunch", "Cafe", List.of("work"), null);
    }

    private static RecordTransaction record(TransactionType type, String account, String to, String amount, String category) {
        return new RecordTransaction(TX, "alice", new TransactionDraft(type, account, to, amount, category, DAY, " Lunch ", "Cafe", List.of("work"), null, null));
    }

    /** An amendment of the amount alone. */
    private static TransactionDraft amount(String amount) {
        return new TransactionDraft(null, null, null, amount, null, null, null, null, null, null, null);
    }

    private static List<String> faultyFields(Exception e) {
        return ((ApiException) e).errors().stream().map(ApiException.FieldError::field).toList();
    }

    @Test
    void recordsAnExpenseInItsAccountsCurrency() {
        fixture.givenNoPriorActivity()
                .when(record(TransactionType.EXPENSE, "eur", null, "12.50", "food"))
                .expectEvents(new TransactionRecorded(TX, "alice", expense("12.50")));
    }

    @Test
    void aDraftWithoutADateIsRecordedTodayInUtc() {
        RecordTransaction dated = record(TransactionType.EXPENSE, "eur", null, "12.50", "food");
        fixture.givenNoPriorActivity()
                .when(new RecordTransaction(TX, "alice", dated.draft().on(null)))
                .expectEvents(new TransactionRecorded(TX, "alice", expense("12.50")));
    }

    @Test
    void recordsAnIncomeAndATransfer() {
        fixture.givenNoPriorActivity()
                .when(record(TransactionType.INCOME, "eur", null, "2000", "pay"))
                .expectEvents(new TransactionRecorded(TX, "alice", new TransactionDetails(TransactionType.INCOME, "eur", null,
                        eur("2000"), "pay", DAY, "Lunch", "Cafe", List.of("work"), null)));
        fixture.givenNoPriorActivity()
                .when(record(TransactionType.TRANSFER, "eur", "eur2", "100", null))
                .expectEvents(new TransactionRecorded(TX, "alice", new TransactionDetails(TransactionType.TRANSFER, "eur", "eur2",
                        eur("100"), null, DAY, "Lunch", "Cafe", List.of("work"), null)));
    }

    @Test
    void refusesAmountsThatAreNotPositiveMoneyOfTheAccount() {
        for (String bad : List.of("0", "-1", "1.234", "abc")) {
            fixture.givenNoPriorActivity()
                    .when(record(TransactionType.EXPENSE, "eur", null, bad, "food"))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    @Test
    void refusesAnAmountPastFifteenDigitsOfMinorUnits() {
        fixture.givenNoPriorActivity()
                .when(record(TransactionType.EXPENSE, "eur", null, "9999999999999.99", "food"))
                .expectEvents(new TransactionRecorded(TX, "alice", expense("9999999999999.99")));
        for (String tooLarge : List.of("10000000000000.00", "92233720368547758.07")) {
            assertThatThrownBy(() -> new TransactionRules(ledger, new FakeCategoryDirectory()).check("alice", record(TransactionType.EXPENSE, "eur", null, tooLarge, null).draft()))
                    .as(tooLarge).isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(faultyFields(e)).containsExactly("amount"));
        }
    }

    @Test
    void refusesAnotherUsersClosedOrUnknownAccount() {
        for (String account : List.of("bobs", "closed", "nope")) {
            fixture.givenNoPriorActivity()
                    .when(record(TransactionType.EXPENSE, account, null, "1", "food"))
                    .expectExceptionMessage("The transaction cannot be recorded as it is.")
                    .expectNoEvents();
        }
    }

    @Test
    void refusesACategoryThatIsNotTheOwnersLiveOneOfTheRightKind() {
        for (String category : List.of("bobfood", "old", "pay", "nope")) {
            fixture.givenNoPriorActivity()
                    .when(record(TransactionType.EXPENSE, "eur", null, "1", category))
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    @Test
    void refusesTransfersToTheSameAccountOtherCurrenciesOrWithACategory() {
        fixture.givenNoPriorActivity().when(record(TransactionType.TRANSFER, "eur", "eur", "1", null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(record(TransactionType.TRANSFER, "eur", "usd", "1", null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(record(TransactionType.TRANSFER, "eur", "bobs", "1", null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(record(TransactionType.TRANSFER, "eur", null, "1", null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(record(TransactionType.TRANSFER, "eur", "eur2", "1", "food"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity().when(record(TransactionType.EXPENSE, "eur", "eur2", "1", "food"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    /** 42.10 USD out of the dollar account for what was 36.00 GBP. */
    private static TransactionDraft paidInPounds(String amount, String rate) {
        return new TransactionDraft(TransactionType.EXPENSE, "usd", null, amount, null, DAY, "Hotel", null, List.of(),
                Money.parse("36.00", "GBP"), rate);
    }

    private static TransactionDetails inPounds(String amount, String rate) {
        return new TransactionDetails(TransactionType.EXPENSE, "usd", null, Money.parse(amount, "USD"), null, DAY, "Hotel", null, List.of(),
                Money.parse("36.00", "GBP"), rate == null ? null : new java.math.BigDecimal(rate));
    }

    @Test
    void aForeignAmountKeepsTheRateItsAmountsImplyWhenThePayerGivesNone() {
        fixture.givenNoPriorActivity()
                .when(new RecordTransaction(TX, "alice", paidInPounds("42.10", null)))
                .expectEvents(new TransactionRecorded(TX, "alice", inPounds("42.10", "1.1694444444")));
    }

    @Test
    void aForeignAmountKeepsTheRateThePayerGivesWhenItMakesTheAmount() {
        // 36.00 × 1.1694 = 42.0984 → 42.10 USD
        fixture.givenNoPriorActivity()
                .when(new RecordTransaction(TX, "alice", paidInPounds("42.10", "1.1694")))
                .expectEvents(new TransactionRecorded(TX, "alice", inPounds("42.10", "1.1694")));
    }

    @Test
    void refusesARateThatDoesNotMakeTheAmountOrHasNoForeignAmount() {
        for (String bad : new String[]{"1.2", "0", "-1.1", "1e0", "abc", "1.00000000001"}) {
            assertThatThrownBy(() -> new TransactionRules(ledger, new FakeCategoryDirectory()).check("alice", paidInPounds("42.10", bad)))
                    .as(bad).isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(faultyFields(e)).containsExactly("exchangeRate"));
        }
        fixture.givenNoPriorActivity()
                .when(new RecordTransaction(TX, "alice", paidInPounds("42.10", "1.2")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The transaction cannot be recorded as it is.")
                .expectNoEvents();
        TransactionDraft rateAlone = new TransactionDraft(TransactionType.EXPENSE, "usd", null, "42.10", null, DAY, null, null, null, null, "1.1694");
        assertThatThrownBy(() -> new TransactionRules(ledger, new FakeCategoryDirectory()).check("alice", rateAlone))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(faultyFields(e)).containsExactly("exchangeRate"));
    }

    private static TransactionDraft paidIn(String amount, String original, String currency) {
        return new TransactionDraft(TransactionType.EXPENSE, "eur", null, amount, null, DAY, "Hotel", null, List.of(),
                Money.parse(original, currency), null);
    }

    @Test
    void aRateTheAmountsImplyIsKeptThroughAnAmendmentThoughToTenDecimalsItDoesNotMakeTheAmount() {
        // 290 000 000 VND × 0.0000344828 = 10 000.012 EUR, not 10 000.00: the implied rate is kept as it is, not checked again
        TransactionDetails recorded = new TransactionRules(ledger, new FakeCategoryDirectory()).check("alice", paidIn("10000.00", "290000000", "VND"));
        assertThat(recorded.exchangeRate()).isEqualByComparingTo("0.0000344828");
        TransactionDetails amended = new TransactionDetails(TransactionType.EXPENSE, "eur", null, eur("10000.00"), null, DAY, "Inn", null,
                List.of(), Money.parse("290000000", "VND"), recorded.exchangeRate());
        fixture.given(new TransactionRecorded(TX, "alice", recorded))
                .when(new AmendTransaction(TX, "alice", null, new TransactionDraft(null, null, null, null, null, null, "Inn", null, null, null, null)))
                .expectEvents(new TransactionAmended(TX, "alice", recorded, amended));
    }

    @Test
    void refusesAForeignAmountWhoseImpliedRateTheReadModelCannotKeep() {
        for (TransactionDraft bad : List.of(
                paidIn("0.01", "1000000000000.00", "USD"),  // 1E-14: zero to 10 decimals
                paidIn("9999999999999.99", "1", "JPY"),      // past 10 000 000 000
                paidIn("1.00", "10000000000000.00", "USD"))) { // itself too large
            assertThatThrownBy(() -> new TransactionRules(ledger, new FakeCategoryDirectory()).check("alice", bad))
                    .as(bad.toString()).isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(faultyFields(e)).containsExactly("originalAmount"));
        }
    }

    @Test
    void anotherAmountWithoutARateImpliesItsOwn() {
        fixture.given(new TransactionRecorded(TX, "alice", inPounds("42.10", "1.1694")))
                .when(new AmendTransaction(TX, "alice", null, amount("45.00")))
                .expectEvents(new TransactionAmended(TX, "alice", inPounds("42.10", "1.1694"), inPounds("45.00", "1.25")));
        fixture.given(new TransactionRecorded(TX, "alice", inPounds("42.10", "1.1694")))
                .when(new AmendTransaction(TX, "alice", null, new TransactionDraft(null, null, null, null, null, null, "Inn", null, null, null, null)))
                .expectEvents(new TransactionAmended(TX, "alice", inPounds("42.10", "1.1694"),
                        new TransactionDetails(TransactionType.EXPENSE, "usd", null, Money.parse("42.10", "USD"), null, DAY, "Inn", null,
                                List.of(), Money.parse("36.00", "GBP"), new java.math.BigDecimal("1.1694"))));
    }

    @Test
    void reportsEveryFaultyFieldAtOnce() {
        TransactionDraft faulty = new TransactionDraft(TransactionType.EXPENSE, "eur", null, "-3", "nope", LocalDate.of(1800, 1, 1), null, null, null, null, null);
        fixture.givenNoPriorActivity()
                .when(new RecordTransaction(TX, "alice", faulty))
                .expectExceptionMessage("The transaction cannot be recorded as it is.")
                .expectException(any(RuleViolation.class));
        assertThatThrownBy(() -> new TransactionRules(ledger, new FakeCategoryDirectory()).check("alice", faulty))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(faultyFields(e)).containsExactly("amount", "categoryId", "date"));
    }

    @Test
    void amendsAnyFieldCarryingBeforeAndAfter() {
        TransactionDetails after = new TransactionDetails(TransactionType.EXPENSE, "eur2", null, eur("15"), null, DAY.plusDays(1),
                "Lunch", null, List.of(), null);
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new AmendTransaction(TX, "alice", null, new TransactionDraft(null, "eur2", null, "15", "", DAY.plusDays(1), null, "", List.of(), null, null)))
                .expectEvents(new TransactionAmended(TX, "alice", expense("12.50"), after))
                .expectResultMessagePayload(1L);
    }

    @Test
    void anAmendmentNeverChangesTheType() {
        TransactionDraft toIncome = new TransactionDraft(TransactionType.INCOME, null, null, "20", null, null, null, null, null, null, null);
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new AmendTransaction(TX, "alice", null, toIncome))
                .expectEvents(new TransactionAmended(TX, "alice", expense("12.50"), expense("20")));
    }

    @Test
    void aBlankCategoryOrDestinationMeansNone() {
        fixture.givenNoPriorActivity()
                .when(new RecordTransaction(TX, "alice", new TransactionDraft(TransactionType.EXPENSE, "eur", " ", "12.50", "", DAY, "Lunch", "Cafe", List.of("work"), null, null)))
                .expectEvents(new TransactionRecorded(TX, "alice", new TransactionDetails(TransactionType.EXPENSE, "eur", null, eur("12.50"), null,
                        DAY, "Lunch", "Cafe", List.of("work"), null)));
    }

    @Test
    void anAmendmentThatChangesNothingAppendsNothing() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new AmendTransaction(TX, "alice", null, new TransactionDraft(null, null, null, "12.5", null, DAY, "Lunch", null, null, null, null)))
                .expectNoEvents();
    }

    @Test
    void amendingToAnInvalidValueIsRefused() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new AmendTransaction(TX, "alice", null, new TransactionDraft(null, "closed", null, null, null, null, null, null, null, null, null)))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new AmendTransaction(TX, "alice", null, amount("0")))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void keepsAnArchivedCategoryItAlreadyHas() {
        TransactionDetails withOld = new TransactionDetails(TransactionType.EXPENSE, "eur", null, eur("5"), "old", DAY, null, null, List.of(), null);
        fixture.given(new TransactionRecorded(TX, "alice", withOld))
                .when(new AmendTransaction(TX, "alice", null, amount("6")))
                .expectEvents(new TransactionAmended(TX, "alice", withOld, new TransactionDetails(TransactionType.EXPENSE, "eur", null,
                        eur("6"), "old", DAY, null, null, List.of(), null)));
    }

    @Test
    void deletesAndRestoresOnceEach() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new DeleteTransaction(TX, "alice", null))
                .expectEvents(new TransactionDeleted(TX, "alice", expense("12.50")));
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")), new TransactionDeleted(TX, "alice", expense("12.50")))
                .when(new DeleteTransaction(TX, "alice", null))
                .expectNoEvents();
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")), new TransactionDeleted(TX, "alice", expense("12.50")))
                .when(new RestoreTransaction(TX, "alice", null))
                .expectEvents(new TransactionRestored(TX, "alice", expense("12.50")));
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new RestoreTransaction(TX, "alice", null))
                .expectNoEvents();
    }

    @Test
    void aDeletedTransactionCannotBeAmendedSharedOrCommentedUntilRestored() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")), new TransactionDeleted(TX, "alice", expense("12.50")))
                .when(new AmendTransaction(TX, "alice", null, amount("1")))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")), new TransactionDeleted(TX, "alice", expense("12.50")))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of(new SplitPart("bob", null))))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void cannotDeleteOrRestoreOnAClosedAccount() {
        TransactionDetails onClosed = new TransactionDetails(TransactionType.EXPENSE, "closed", null, eur("1"), null, DAY, null, null, List.of(), null);
        fixture.given(new TransactionRecorded(TX, "alice", onClosed))
                .when(new DeleteTransaction(TX, "alice", null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(new TransactionRecorded(TX, "alice", onClosed), new TransactionDeleted(TX, "alice", onClosed))
                .when(new RestoreTransaction(TX, "alice", null))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void anotherUserGetsNotFoundAndAParticipantMayNotChangeIt() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")))
                .when(new DeleteTransaction(TX, "mallory", null))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.50")),
                        new ExpenseShared(TX, "alice", SplitMethod.EQUAL, List.of(new Share("alice", eur("6.25"), null), new Share("bob", eur("6.25"), null))))
                .when(new AmendTransaction(TX, "bob", null, amount("1")))
                .expectException(ForbiddenException.class).expectNoEvents();
    }

    @Test
    void sharesEquallyWithTheRemainderGoingToTheFirst() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.EQUAL,
                        List.of(new SplitPart("alice", null), new SplitPart("bob", null), new SplitPart("carol", null))))
                .expectEvents(new ExpenseShared(TX, "alice", SplitMethod.EQUAL, List.of(
                        new Share("alice", eur("3.34"), null), new Share("bob", eur("3.33"), null), new Share("carol", eur("3.33"), null))));
    }

    @Test
    void sharesByExactAmountsPercentagesAndShares() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.EXACT, List.of(new SplitPart("alice", "7.50"), new SplitPart("bob", "2.5"))))
                .expectEvents(new ExpenseShared(TX, "alice", SplitMethod.EXACT, List.of(
                        new Share("alice", eur("7.50"), "7.50"), new Share("bob", eur("2.50"), "2.5"))));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.PERCENT, List.of(new SplitPart("bob", "33.33"), new SplitPart("carol", "66.67"))))
                .expectEvents(new ExpenseShared(TX, "alice", SplitMethod.PERCENT, List.of(
                        new Share("bob", eur("3.33"), "33.33"), new Share("carol", eur("6.67"), "66.67"))));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.SHARES, List.of(new SplitPart("alice", "1"), new SplitPart("bob", "2"))))
                .expectEvents(new ExpenseShared(TX, "alice", SplitMethod.SHARES, List.of(
                        new Share("alice", eur("3.33"), "1"), new Share("bob", eur("6.67"), "2"))));
    }

    @Test
    void refusesSplitsThatDoNotAddUp() {
        List<ShareExpense> bad = List.of(
                new ShareExpense(TX, "alice", null, SplitMethod.EXACT, List.of(new SplitPart("alice", "7"), new SplitPart("bob", "2"))),
                new ShareExpense(TX, "alice", null, SplitMethod.PERCENT, List.of(new SplitPart("bob", "50"), new SplitPart("carol", "49.99"))),
                new ShareExpense(TX, "alice", null, SplitMethod.PERCENT, List.of(new SplitPart("bob", "50.001"), new SplitPart("carol", "49.999"))),
                new ShareExpense(TX, "alice", null, SplitMethod.SHARES, List.of(new SplitPart("bob", "0"), new SplitPart("carol", "1"))),
                new ShareExpense(TX, "alice", null, SplitMethod.SHARES, List.of(new SplitPart("bob", "1.5"))),
                new ShareExpense(TX, "alice", null, SplitMethod.EXACT, List.of(new SplitPart("bob", null))),
                new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of(new SplitPart("alice", null))),
                new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of(new SplitPart("bob", null), new SplitPart("bob", null))),
                new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of()),
                // each would wrap a long's sum around to exactly 100 % or to the total
                new ShareExpense(TX, "alice", null, SplitMethod.PERCENT, List.of(new SplitPart("bob", "92233720368547758.07"),
                        new SplitPart("carol", "92233720368547758.07"), new SplitPart("dave", "100.02"))),
                new ShareExpense(TX, "alice", null, SplitMethod.EXACT, List.of(new SplitPart("bob", "92233720368547758.07"),
                        new SplitPart("carol", "92233720368547758.07"), new SplitPart("dave", "10.02"))));
        for (ShareExpense command : bad) {
            fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")))
                    .when(command)
                    .expectException(RuleViolation.class)
                    .expectNoEvents();
        }
    }

    @Test
    void onlyExpensesCanBeShared() {
        fixture.given(new TransactionRecorded(TX, "alice", new TransactionDetails(TransactionType.INCOME, "eur", null, eur("5"), null, DAY, null, null, List.of(), null)))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of(new SplitPart("bob", null))))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void sharesFollowANewAmount() {
        ExpenseShared exact = new ExpenseShared(TX, "alice", SplitMethod.EXACT, List.of(new Share("alice", eur("7.50"), "7.50"), new Share("bob", eur("2.50"), "2.50")));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")), exact)
                .when(new AmendTransaction(TX, "alice", null, amount("20")))
                .expectEvents(new TransactionAmended(TX, "alice", expense("10.00"), expense("20.00")),
                        new ExpenseShared(TX, "alice", SplitMethod.EXACT, List.of(new Share("alice", eur("15.00"), "15.00"), new Share("bob", eur("5.00"), "5.00"))));
    }

    @Test
    void resharingTheSameWayChangesNothingAndUnsharingTellsWhoLeft() {
        ExpenseShared equal = new ExpenseShared(TX, "alice", SplitMethod.EQUAL, List.of(new Share("alice", eur("5.00"), null), new Share("bob", eur("5.00"), null)));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")), equal)
                .when(new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("bob", null))))
                .expectNoEvents();
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")), equal)
                .when(new UnshareExpense(TX, "alice", null))
                .expectEvents(new ExpenseUnshared(TX, "alice", List.of("bob")));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")))
                .when(new UnshareExpense(TX, "alice", null))
                .expectNoEvents();
    }

    @Test
    void theOwnerAndParticipantsCommentOthersCannot() {
        ExpenseShared equal = new ExpenseShared(TX, "alice", SplitMethod.EQUAL, List.of(new Share("alice", eur("5.00"), null), new Share("bob", eur("5.00"), null)));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")), equal)
                .when(new CommentOnExpense(TX, "bob", "c1", " Thanks! "))
                .expectEvents(new ExpenseCommented(TX, "alice", "c1", "bob", "Thanks!"));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")), equal)
                .when(new CommentOnExpense(TX, "alice", "c2", "You're welcome"))
                .expectEvents(new ExpenseCommented(TX, "alice", "c2", "alice", "You're welcome"));
        fixture.given(new TransactionRecorded(TX, "alice", expense("10.00")), equal)
                .when(new CommentOnExpense(TX, "mallory", "c3", "Hi"))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void sharingInAGroupPutsTheExpenseInIt() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")))
                .when(new ShareExpenseInGroup(TX, "alice", null, "trip", SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("bob", null), new SplitPart("carol", null))))
                .expectEvents(new ExpenseShared(TX, "alice", SplitMethod.EQUAL, List.of(new Share("alice", eur("4.00"), null),
                                new Share("bob", eur("4.00"), null), new Share("carol", eur("4.00"), null))),
                        new ExpenseGroupChanged(TX, "alice", "trip"));
    }

    @Test
    void sharingInAGroupNeedsEveryoneToBeAMember() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")))
                .when(new ShareExpenseInGroup(TX, "alice", null, "trip", SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("dave", null))))
                .expectException(RuleViolation.class).expectNoEvents();
        groupMembers.put("bobs-group", Set.of("bob"));
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")))
                .when(new ShareExpenseInGroup(TX, "alice", null, "bobs-group", SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("bob", null))))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void onlyThePayerSharesInAGroup() {
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")))
                .when(new ShareExpenseInGroup(TX, "carol", null, "trip", SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("bob", null))))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void sharingOutsideTheGroupOrUnsharingTakesTheExpenseOutOfIt() {
        ExpenseShared inTrip = new ExpenseShared(TX, "alice", SplitMethod.EQUAL, List.of(new Share("alice", eur("6.00"), null),
                new Share("bob", eur("6.00"), null)));
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")), inTrip, new ExpenseGroupChanged(TX, "alice", "trip"))
                .when(new ShareExpense(TX, "alice", null, SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("bob", null))))
                .expectEvents(new ExpenseGroupChanged(TX, "alice", null));
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")), inTrip, new ExpenseGroupChanged(TX, "alice", "trip"))
                .when(new UnshareExpense(TX, "alice", null))
                .expectEvents(new ExpenseUnshared(TX, "alice", List.of("bob")), new ExpenseGroupChanged(TX, "alice", null));
        fixture.given(new TransactionRecorded(TX, "alice", expense("12.00")), inTrip, new ExpenseGroupChanged(TX, "alice", "trip"))
                .when(new ShareExpenseInGroup(TX, "alice", null, "trip", SplitMethod.EQUAL, List.of(new SplitPart("alice", null), new SplitPart("bob", null))))
                .expectNoEvents();
    }
}
