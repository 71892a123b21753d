package dev.tally.command.account;

import dev.tally.api.account.AccountBalanceChanged;
import dev.tally.api.account.AccountClosed;
import dev.tally.api.account.AccountOpened;
import dev.tally.api.account.AccountRenamed;
import dev.tally.api.account.AccountType;
import dev.tally.api.money.Money;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final String ACCOUNT = "acc-1";
    private static final String OWNER = "alice";

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    private AccountOpened opened(String openingBalance) {
        return new AccountOpened(ACCOUNT, OWNER, "Wallet", AccountType.CASH, "EUR", eur(openingBalance));
    }

    @Test
    void opensWithItsOpeningBalance() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, OWNER, " Wallet ", AccountType.CASH, eur("10.00")))
                .expectEvents(opened("10.00"));
    }

    @Test
    void renames() {
        fixture.given(opened("0"))
                .when(new RenameAccount(ACCOUNT, OWNER, null, "Pocket money"))
                .expectEvents(new AccountRenamed(ACCOUNT, OWNER, "Pocket money"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void renamingToTheSameNameChangesNothing() {
        fixture.given(opened("0"))
                .when(new RenameAccount(ACCOUNT, OWNER, null, "Wallet"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void anotherUserCannotRenameIt() {
        fixture.given(opened("0"))
                .when(new RenameAccount(ACCOUNT, "mallory", null, "Mine now"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void postingsChangeTheBalance() {
        fixture.given(opened("10.00"), new AccountBalanceChanged(ACCOUNT, OWNER, "t1", eur("-2.50"), eur("7.50")))
                .when(new PostToAccount(ACCOUNT, OWNER, "t2", eur("5")))
                .expectEvents(new AccountBalanceChanged(ACCOUNT, OWNER, "t2", eur("5"), eur("12.50")));
    }

    @Test
    void refusesAPostingThatWouldTakeTheBalancePastWhatItHolds() {
        fixture.given(opened("0"), new AccountBalanceChanged(ACCOUNT, OWNER, "t1", eur("1.00"), new Money(Long.MAX_VALUE - 50, "EUR")))
                .when(new PostToAccount(ACCOUNT, OWNER, "t2", eur("1.00")))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The account's balance would pass the most it can hold.")
                .expectNoEvents();
    }

    @Test
    void refusesPostingsInAnotherCurrencyOrForAnotherOwner() {
        fixture.given(opened("10.00"))
                .when(new PostToAccount(ACCOUNT, OWNER, "t1", Money.parse("5", "USD")))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(opened("10.00"))
                .when(new PostToAccount(ACCOUNT, "mallory", "t1", eur("-10")))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void closesWhenEmpty() {
        fixture.given(opened("10.00"), new AccountBalanceChanged(ACCOUNT, OWNER, "t1", eur("-10"), eur("0")))
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectEvents(new AccountClosed(ACCOUNT, OWNER));
    }

    @Test
    void refusesToCloseWithMoneyInIt() {
        fixture.given(opened("0"), new AccountBalanceChanged(ACCOUNT, OWNER, "t1", eur("0.01"), eur("0.01")))
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The account still holds 0.01 EUR; bring its balance to zero before closing it.")
                .expectNoEvents();
    }

    @Test
    void refusesToCloseWithADebt() {
        fixture.given(opened("-5"))
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aClosedAccountTakesNoPostingsAndCannotBeClosedOrRenamedAgain() {
        fixture.given(opened("0"), new AccountClosed(ACCOUNT, OWNER))
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(opened("0"), new AccountClosed(ACCOUNT, OWNER))
                .when(new RenameAccount(ACCOUNT, OWNER, null, "Old"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(opened("0"), new AccountClosed(ACCOUNT, OWNER))
                .when(new PostToAccount(ACCOUNT, OWNER, "t1", eur("1")))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherUserCannotCloseIt() {
        fixture.given(opened("0"))
                .when(new CloseAccount(ACCOUNT, "mallory", null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
