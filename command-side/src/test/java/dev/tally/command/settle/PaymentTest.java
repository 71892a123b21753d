package dev.tally.command.settle;

import dev.tally.api.money.Money;
import dev.tally.api.settle.PaymentAmended;
import dev.tally.api.settle.PaymentDeleted;
import dev.tally.api.settle.PaymentDisputed;
import dev.tally.api.settle.PaymentRecorded;
import dev.tally.command.group.GroupDirectory;
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
import java.util.Set;

class PaymentTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);
    private static final String P = "p1";
    private static final PaymentRecorded RECORDED = new PaymentRecorded(P, "bob", "alice", eur("60.00"), null, DAY, "Cash", null);

    private AggregateTestFixture<Payment> fixture;

    private static Money eur(String amount) {
        return Money.parse(amount, "EUR");
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
        fixture.registerInjectableResource(new Counterparties() {
            @Override
            public boolean shareExpenses(String userId, String otherId) {
                return Set.of("alice", "bob", "dave").containsAll(Set.of(userId, otherId));
            }

            @Override
            public Set<String> sharedCurrencies(String userId, String otherId, String groupId) {
                if (groupId != null) {
                    return groupId.equals("trip") ? Set.of("EUR", "GBP") : Set.of();
                }
                return Set.of(userId, otherId).equals(Set.of("alice", "bob")) ? Set.of("EUR") : Set.of(); // dave: shares from before currencies were kept
            }

            @Override
            public boolean ownsTransaction(String userId, String transactionId) {
                return userId.equals("bob") && transactionId.equals("bobs-transfer");
            }
        });
        fixture.registerInjectableResource((GroupDirectory) new GroupDirectory() {
            @Override
            public boolean allMembers(String groupId, Collection<String> userIds) {
                return groupId.equals("trip") && Set.of("bob", "carol").containsAll(userIds);
            }

            @Override
            public String name(String groupId) {
                return groupId;
            }
        });
        fixture.registerInjectableResource(Clock.fixed(DAY.atTime(23, 59).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @Test
    void aPaymentWithoutADateIsPaidTodayInUtc() {
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "alice", eur("60.00"), null, null, "Cash", null))
                .expectEvents(RECORDED);
    }

    @Test
    void recordsAPaymentToSomeoneThePayerSharesWith() {
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "alice", eur("60.00"), null, DAY, "Cash", null))
                .expectEvents(RECORDED);
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "carol", eur("5.00"), "trip", DAY, null, "bobs-transfer"))
                .expectEvents(new PaymentRecorded(P, "bob", "carol", eur("5.00"), "trip", DAY, null, "bobs-transfer"));
    }

    @Test
    void settlesOnlyInACurrencyThePairOrTheGroupSharesExpensesIn() {
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "alice", Money.parse("60.00", "USD"), null, DAY, null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("is not a currency you share expenses in with the payee: EUR")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "carol", Money.parse("5.00", "USD"), "trip", DAY, null, null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("is not a currency of the group's expenses: EUR, GBP")
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "carol", Money.parse("5.00", "GBP"), "trip", DAY, null, null))
                .expectEvents(new PaymentRecorded(P, "bob", "carol", Money.parse("5.00", "GBP"), "trip", DAY, null, null));
        // a pair whose shares predate the currency records settles in any currency, as before
        fixture.givenNoPriorActivity()
                .when(new RecordPayment(P, "bob", "dave", Money.parse("5.00", "JPY"), null, DAY, null, null))
                .expectEvents(new PaymentRecorded(P, "bob", "dave", Money.parse("5", "JPY"), null, DAY, null, null));
    }

    @Test
    void refusesStrangersOneselfNothingAndOthersTransactions() {
        for (RecordPayment bad : new RecordPayment[]{
                new RecordPayment(P, "bob", "mallory", eur("1.00"), null, DAY, null, null),
                new RecordPayment(P, "bob", "alice", eur("1.00"), "trip", DAY, null, null),
                new RecordPayment(P, "bob", "bob", eur("1.00"), null, DAY, null, null),
                new RecordPayment(P, "bob", "alice", eur("0.00"), null, DAY, null, null),
                new RecordPayment(P, "bob", "alice", eur("-1.00"), null, DAY, null, null),
                new RecordPayment(P, "bob", "alice", eur("1.00"), null, DAY, null, "alices-transaction")}) {
            fixture.givenNoPriorActivity().when(bad).expectException(RuleViolation.class).expectNoEvents();
        }
    }

    @Test
    void thePayerAmendsAndDeletes() {
        fixture.given(RECORDED)
                .when(new AmendPayment(P, "bob", null, "50", null, null))
                .expectEvents(new PaymentAmended(P, "bob", "alice", eur("50.00"), DAY, "Cash"));
        fixture.given(RECORDED)
                .when(new AmendPayment(P, "bob", null, "60.00", DAY, "Cash"))
                .expectNoEvents();
        fixture.given(RECORDED)
                .when(new DeletePayment(P, "bob", null))
                .expectEvents(new PaymentDeleted(P, "bob", "alice"));
    }

    @Test
    void amendingNeedsAPositiveAmountInTheSameCurrency() {
        for (String bad : new String[]{"0", "-5", "1.234", "abc"}) {
            fixture.given(RECORDED).when(new AmendPayment(P, "bob", null, bad, null, null)).expectException(RuleViolation.class).expectNoEvents();
        }
    }

    @Test
    void thePayeeDisputesOnceAndTheNextAmendmentAnswersIt() {
        fixture.given(RECORDED)
                .when(new DisputePayment(P, "alice", "I never got it"))
                .expectEvents(new PaymentDisputed(P, "bob", "alice", "I never got it"));
        fixture.given(RECORDED, new PaymentDisputed(P, "bob", "alice", "no"))
                .when(new DisputePayment(P, "alice", "still no"))
                .expectNoEvents();
        fixture.given(RECORDED, new PaymentDisputed(P, "bob", "alice", "no"))
                .when(new AmendPayment(P, "bob", null, null, null, null))
                .expectEvents(new PaymentAmended(P, "bob", "alice", eur("60.00"), DAY, "Cash"));
    }

    @Test
    void eachSideDoesOnlyItsOwnPartAndOthersSeeNothing() {
        fixture.given(RECORDED).when(new AmendPayment(P, "alice", null, "1", null, null)).expectException(ForbiddenException.class);
        fixture.given(RECORDED).when(new DeletePayment(P, "alice", null)).expectException(ForbiddenException.class);
        fixture.given(RECORDED).when(new DisputePayment(P, "bob", "hm")).expectException(ForbiddenException.class);
        fixture.given(RECORDED).when(new DisputePayment(P, "mallory", "hm")).expectException(NotFoundException.class);
        fixture.given(RECORDED).when(new DeletePayment(P, "mallory", null)).expectException(NotFoundException.class);
        fixture.given(RECORDED, new PaymentDeleted(P, "bob", "alice")).when(new AmendPayment(P, "bob", null, "1", null, null))
                .expectException(NotFoundException.class).expectNoEvents();
    }
}
