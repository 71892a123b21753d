package dev.tally.command.account;

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
    private static final Money ZERO = Money.zero("EUR");

    private AggregateTestFixture<Account> fixture;
    private FakeAccountLedger ledger;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
        ledger = new FakeAccountLedger();
        fixture.registerInjectableResource(ledger);
    }

    private AccountOpened opened() {
        return new AccountOpened(ACCOUNT, OWNER, "Wallet", AccountType.CASH, "EUR", Money.parse("10.00", "EUR"));
    }

    @Test
    void opensWithItsOpeningBalance() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, OWNER, " Wallet ", AccountType.CASH, Money.parse("10.00", "EUR")))
                .expectEvents(opened());
    }

    @Test
    void renames() {
        fixture.given(opened())
                .when(new RenameAccount(ACCOUNT, OWNER, null, "Pocket money"))
                .expectEvents(new AccountRenamed(ACCOUNT, OWNER, "Pocket money"))
                .expectResultMessagePayload(1L);
    }

    @Test
    void renamingToTheSameNameChangesNothing() {
        fixture.given(opened())
                .when(new RenameAccount(ACCOUNT, OWNER, null, "Wallet"))
                .expectNoEvents()
                .expectResultMessagePayload(0L);
    }

    @Test
    void anotherUserCannotRenameIt() {
        fixture.given(opened())
                .when(new RenameAccount(ACCOUNT, "mallory", null, "Mine now"))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void closesWhenEmpty() {
        ledger.balances.put(ACCOUNT, ZERO);
        fixture.given(opened())
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectEvents(new AccountClosed(ACCOUNT, OWNER));
    }

    @Test
    void refusesToCloseWithMoneyInIt() {
        ledger.balances.put(ACCOUNT, Money.parse("0.01", "EUR"));
        fixture.given(opened())
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("The account still holds 0.01 EUR; bring its balance to zero before closing it.")
                .expectNoEvents();
    }

    @Test
    void refusesToCloseWithADebt() {
        ledger.balances.put(ACCOUNT, Money.parse("-5", "EUR"));
        fixture.given(opened())
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void aClosedAccountCannotBeClosedOrRenamedAgain() {
        ledger.balances.put(ACCOUNT, ZERO);
        fixture.given(opened(), new AccountClosed(ACCOUNT, OWNER))
                .when(new CloseAccount(ACCOUNT, OWNER, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
        fixture.given(opened(), new AccountClosed(ACCOUNT, OWNER))
                .when(new RenameAccount(ACCOUNT, OWNER, null, "Old"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anotherUserCannotCloseIt() {
        ledger.balances.put(ACCOUNT, ZERO);
        fixture.given(opened())
                .when(new CloseAccount(ACCOUNT, "mallory", null))
                .expectException(NotFoundException.class)
                .expectNoEvents();
    }
}
