package dev.tally.command.budget;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.expense.TransactionAmended;
import dev.tally.api.expense.TransactionDeleted;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionRestored;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.TestUser;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The budget process manager on the real event store: transaction events are appended as the Transaction aggregate
 * would append them (it is built elsewhere), and the budgets' stored events are what is checked.
 */
class BudgetTrackingTest extends CommandApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final BudgetPeriod THIS_MONTH = BudgetPeriod.containing(PeriodType.MONTHLY, TODAY);
    private static final BudgetPeriod NEXT_MONTH = BudgetPeriod.containing(PeriodType.MONTHLY, THIS_MONTH.endExclusive());

    @Autowired
    private EventStore eventStore;
    @Autowired
    private EventStorageEngine storageEngine;
    @Autowired
    private TransactionManager transactionManager;
    @Autowired
    private EventProcessingConfiguration processing;

    private final Map<String, Long> sequences = new HashMap<>();

    // the world around budgets

    private String openAccount(TestUser user, String currency) {
        Api.Response response = api.post("/api/v1/accounts").as(user)
                .body(Map.of("name", "Wallet " + currency, "type", "CASH", "currency", currency, "openingBalance", "1000")).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private String createBudget(TestUser user, String categoryId, String limit) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Budget", "period", "MONTHLY", "limit", limit, "currency", "EUR"));
        if (categoryId != null) {
            body.put("categoryId", categoryId);
        }
        Api.Response response = api.post("/api/v1/budgets").as(user).body(body).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    private static TransactionDetails spending(TransactionType type, String accountId, String amount, String currency, String categoryId, LocalDate date) {
        return new TransactionDetails(type, accountId, null, Money.parse(amount, currency), categoryId, date, "test", null, new ArrayList<>(), null);
    }

    private static TransactionDetails expense(String accountId, String amount, String categoryId, LocalDate date) {
        return spending(TransactionType.EXPENSE, accountId, amount, "EUR", categoryId, date);
    }

    /** Appends a transaction event the way an aggregate does: next sequence number, in a unit of work with a transaction. */
    private void publish(TestUser owner, String transactionId, Object payload) {
        long sequence = sequences.merge(transactionId, 0L, (old, ignored) -> old + 1);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> eventStore.publish(new GenericDomainEventMessage<>("Transaction", transactionId, sequence, payload,
                MetaData.with("userId", owner.userId()))));
    }

    private String record(TestUser owner, TransactionDetails details) {
        String transactionId = UUID.randomUUID().toString();
        publish(owner, transactionId, new TransactionRecorded(transactionId, owner.userId(), details));
        return transactionId;
    }

    // what the budgets stored

    private record Stored(String type, JsonNode payload) {
        String amount(String field) {
            return payload.path(field).path("amount").asText();
        }
    }

    private List<Stored> stored(String budgetId) {
        return jdbc.sql("SELECT payload_type, payload FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")
                .param(budgetId)
                .query((rs, n) -> {
                    String type = rs.getString(1);
                    try {
                        return new Stored(type.substring(type.lastIndexOf('.') + 1), JSON.readTree(rs.getBytes(2)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .list();
    }

    private List<Stored> awaitEvents(String budgetId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(budgetId).size() >= count);
        return stored(budgetId);
    }

    /** "Tracked t 12.34/56.78 in 2026-11" for BudgetSpendingTracked, "Reached 80 in 2026-11" for BudgetThresholdReached. */
    private static String describe(Stored event, Map<String, String> names) {
        return switch (event.type()) {
            case "BudgetSpendingTracked" -> "Tracked " + names.getOrDefault(event.payload().path("transactionId").asText(), "?")
                    + " " + event.amount("contribution") + "/" + event.amount("spent") + " in " + event.payload().path("period").asText();
            case "BudgetThresholdReached" -> "Reached " + event.payload().path("level").asInt() + " in " + event.payload().path("period").asText();
            default -> event.type();
        };
    }

    private List<String> history(String budgetId, int atLeast, Map<String, String> names) {
        return awaitEvents(budgetId, atLeast).stream().map(e -> describe(e, names)).toList();
    }

    /**
     * Redelivers in a transaction of its own. A concurrency failure (a budget this context caches was changed by the
     * other test context's processor, as by another instance) rolls back and is delivered once more, as the tracking
     * processor does with a failed batch.
     */
    private void redeliver(EventHandlerInvoker handlers, TrackedEventMessage<?> event) {
        try {
            handleInTransaction(handlers, event);
        } catch (ConcurrencyException stale) {
            handleInTransaction(handlers, event);
        }
    }

    private void handleInTransaction(EventHandlerInvoker handlers, TrackedEventMessage<?> event) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(event);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> {
            try {
                handlers.handle(event, Segment.ROOT_SEGMENT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void tracksExpensesThroughRecordAmendDeleteAndRestoreAndRaisesEachAlertOnce() {
        TestUser alice = someUser();
        String foodCategory = category(alice, "Food", "EXPENSE");
        String wallet = openAccount(alice, "EUR");
        String budget = createBudget(alice, foodCategory, "100.00");
        String month = THIS_MONTH.key();

        TransactionDetails lunch = expense(wallet, "60.00", foodCategory, TODAY);
        String t1 = record(alice, lunch);
        Map<String, String> names = new HashMap<>(Map.of(t1, "t1"));
        assertThat(history(budget, 3, names)).containsExactly(
                "BudgetCreated", "Tracked t1 60.00/60.00 in " + month, "Reached 50 in " + month);
        Stored tracked = stored(budget).get(1);
        assertThat(tracked.payload().path("periodStart").asText()).isEqualTo(THIS_MONTH.start().toString());
        assertThat(tracked.amount("limit")).isEqualTo("100.00");

        TransactionDetails bigger = expense(wallet, "85.00", foodCategory, TODAY);
        publish(alice, t1, new TransactionAmended(t1, alice.userId(), lunch, bigger));
        assertThat(history(budget, 5, names)).endsWith("Tracked t1 85.00/85.00 in " + month, "Reached 80 in " + month);

        publish(alice, t1, new TransactionDeleted(t1, alice.userId(), bigger));
        assertThat(history(budget, 6, names)).endsWith("Tracked t1 0.00/0.00 in " + month);

        publish(alice, t1, new TransactionRestored(t1, alice.userId(), bigger));
        assertThat(history(budget, 7, names)).endsWith("Tracked t1 85.00/85.00 in " + month);

        // incomes, transfers, other categories, other currencies and other users' expenses never count
        String dollars = openAccount(alice, "USD");
        record(alice, spending(TransactionType.INCOME, wallet, "500.00", "EUR", foodCategory, TODAY));
        record(alice, new TransactionDetails(TransactionType.TRANSFER, wallet, openAccount(alice, "EUR"), Money.parse("50", "EUR"), null, TODAY, "t", null, null, null));
        record(alice, expense(wallet, "40.00", "cat-home", TODAY));
        record(alice, spending(TransactionType.EXPENSE, dollars, "40.00", "USD", foodCategory, TODAY));
        TestUser bob = someUser();
        record(bob, expense(openAccount(bob, "EUR"), "40.00", foodCategory, TODAY));
        // a last expense that does count: once it is tracked, everything before it was processed
        String t2 = record(alice, expense(wallet, "15.00", foodCategory, TODAY));
        names.put(t2, "t2");
        assertThat(history(budget, 9, names)).containsExactly(
                "BudgetCreated",
                "Tracked t1 60.00/60.00 in " + month, "Reached 50 in " + month,
                "Tracked t1 85.00/85.00 in " + month, "Reached 80 in " + month,
                "Tracked t1 0.00/0.00 in " + month,
                "Tracked t1 85.00/85.00 in " + month,
                "Tracked t2 15.00/100.00 in " + month, "Reached 100 in " + month);
    }

    @Test
    void anAmendedCategoryOrDateMovesTheSpendingBetweenBudgetsAndPeriods() {
        TestUser alice = someUser();
        String foodCategory = category(alice, "Food", "EXPENSE");
        String wallet = openAccount(alice, "EUR");
        String food = createBudget(alice, foodCategory, "1000.00");
        String everything = createBudget(alice, null, "1000.00");

        TransactionDetails groceries = expense(wallet, "20.00", foodCategory, TODAY);
        String t1 = record(alice, groceries);
        Map<String, String> names = Map.of(t1, "t1");
        assertThat(history(food, 2, names)).containsExactly("BudgetCreated", "Tracked t1 20.00/20.00 in " + THIS_MONTH.key());
        assertThat(history(everything, 2, names)).containsExactly("BudgetCreated", "Tracked t1 20.00/20.00 in " + THIS_MONTH.key());

        TransactionDetails homeware = expense(wallet, "20.00", "cat-home", TODAY);
        publish(alice, t1, new TransactionAmended(t1, alice.userId(), groceries, homeware));
        assertThat(history(food, 3, names)).endsWith("Tracked t1 0.00/0.00 in " + THIS_MONTH.key());

        TransactionDetails nextMonth = expense(wallet, "20.00", "cat-home", NEXT_MONTH.start());
        publish(alice, t1, new TransactionAmended(t1, alice.userId(), homeware, nextMonth));
        assertThat(history(everything, 4, names)).containsExactly("BudgetCreated",
                "Tracked t1 20.00/20.00 in " + THIS_MONTH.key(),
                "Tracked t1 0.00/0.00 in " + THIS_MONTH.key(),
                "Tracked t1 20.00/20.00 in " + NEXT_MONTH.key());
        // the category change did not touch the all-spending budget, the date change did not touch the food budget
        assertThat(stored(food)).hasSize(3);
    }

    @Test
    void aBudgetCreatedMidPeriodCountsTheExpensesAlreadyRecordedInIt() {
        TestUser alice = someUser();
        String foodCategory = category(alice, "Food", "EXPENSE");
        String wallet = openAccount(alice, "EUR");
        String early = record(alice, expense(wallet, "30.00", foodCategory, THIS_MONTH.start()));
        record(alice, expense(wallet, "40.00", foodCategory, THIS_MONTH.start().minusDays(1))); // last period: before the budget
        record(alice, expense(wallet, "45.00", "cat-home", TODAY));                           // another category
        TransactionDetails gone = expense(wallet, "50.00", foodCategory, TODAY);
        String deleted = record(alice, gone);
        publish(alice, deleted, new TransactionDeleted(deleted, alice.userId(), gone));
        String later = record(alice, expense(wallet, "25.00", foodCategory, NEXT_MONTH.start()));  // a later period counts too

        String budget = createBudget(alice, foodCategory, "50.00");
        String marker = record(alice, expense(wallet, "1.00", foodCategory, TODAY));
        Map<String, String> names = Map.of(early, "early", later, "later", marker, "marker");
        assertThat(history(budget, 6, names)).containsExactly("BudgetCreated",
                "Tracked early 30.00/30.00 in " + THIS_MONTH.key(), "Reached 50 in " + THIS_MONTH.key(),
                "Tracked later 25.00/25.00 in " + NEXT_MONTH.key(), "Reached 50 in " + NEXT_MONTH.key(),
                "Tracked marker 1.00/31.00 in " + THIS_MONTH.key());
    }

    /**
     * Expenses committed together reach the process manager in one batch: one transaction in which the same budget
     * takes every expense in turn, each counted once and each alert raised once.
     */
    @Test
    void expensesCommittedTogetherAreTrackedInOneBatchEachOnce() {
        TestUser alice = someUser();
        String wallet = openAccount(alice, "EUR");
        String budget = createBudget(alice, null, "100.00");
        awaitEvents(budget, 1);
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> {
            for (int i = 0; i < 25; i++) {
                String transactionId = UUID.randomUUID().toString();
                eventStore.publish(new GenericDomainEventMessage<>("Transaction", transactionId, 0,
                        new TransactionRecorded(transactionId, alice.userId(), expense(wallet, "4.00", "cat-food", TODAY)),
                        MetaData.with("userId", alice.userId())));
            }
        });
        String month = THIS_MONTH.key();
        List<String> history = history(budget, 1 + 25 + 3, Map.of());
        assertThat(history.stream().filter(e -> e.startsWith("Reached")))
                .containsExactly("Reached 50 in " + month, "Reached 80 in " + month, "Reached 100 in " + month);
        assertThat(history.stream().filter(e -> e.startsWith("Tracked"))).hasSize(25).last().isEqualTo("Tracked ? 4.00/100.00 in " + month);
    }

    /**
     * A budget created amid the expenses of one batch: the batch remembers its new expenses together at the first of
     * them, yet the budget's catch-up counts only those recorded before it, and those after it count by their own
     * events, with the budgets read again. Another owner's expense in the batch counts for no budget of hers.
     */
    @Test
    void aBudgetCreatedAmidTheExpensesOfOneBatchCountsEachOnce() {
        TestUser alice = someUser();
        TestUser bob = someUser();
        String wallet = openAccount(alice, "EUR");
        String bobsWallet = openAccount(bob, "EUR");
        String budget = UUID.randomUUID().toString();
        Map<String, String> names = new HashMap<>();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> {
            names.put(recordNow(alice, expense(wallet, "10.00", "cat-food", TODAY)), "before");
            names.put(recordNow(bob, expense(bobsWallet, "99.00", "cat-food", TODAY)), "bob's");
            eventStore.publish(new GenericDomainEventMessage<>("Budget", budget, 0, new BudgetCreated(budget, alice.userId(),
                    "Everything", null, PeriodType.MONTHLY, Money.parse("100.00", "EUR"), List.of(50, 80, 100), "UTC"),
                    MetaData.with("userId", alice.userId())));
            names.put(recordNow(alice, expense(wallet, "20.00", "cat-home", TODAY)), "after");
        });
        String marker = record(alice, expense(wallet, "1.00", "cat-food", TODAY));
        names.put(marker, "marker");
        String month = THIS_MONTH.key();
        assertThat(history(budget, 4, names)).containsExactly("BudgetCreated", "Tracked before 10.00/10.00 in " + month,
                "Tracked after 20.00/30.00 in " + month, "Tracked marker 1.00/31.00 in " + month);
    }

    /** A new transaction's first event, in the unit of work already started. */
    private String recordNow(TestUser owner, TransactionDetails details) {
        String transactionId = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>("Transaction", transactionId, 0,
                new TransactionRecorded(transactionId, owner.userId(), details), MetaData.with("userId", owner.userId())));
        return transactionId;
    }

    @Test
    void redeliveringEveryEventChangesNothing() {
        TestUser alice = someUser();
        String wallet = openAccount(alice, "EUR");
        String budget = createBudget(alice, null, "100.00");
        TransactionDetails first = expense(wallet, "10.00", "cat-food", TODAY);
        String t1 = record(alice, first);
        TransactionDetails amended = expense(wallet, "70.00", "cat-food", TODAY);
        publish(alice, t1, new TransactionAmended(t1, alice.userId(), first, amended));
        String t2 = record(alice, expense(wallet, "5.00", "cat-home", TODAY));
        publish(alice, t2, new TransactionDeleted(t2, alice.userId(), expense(wallet, "5.00", "cat-home", TODAY)));
        assertThat(awaitEvents(budget, 6)).hasSize(6); // created, 10, 70 + alert 50, 5, 0
        String removed = createBudget(alice, category(alice, "Travel", "EXPENSE"), "10.00"); // nothing to catch up: no travel expenses
        assertThat(api.delete("/api/v1/budgets/" + removed).as(alice).send().code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM budget_tracking_budget WHERE budget_id = ? AND removed")
                .param(removed).query(Long.class).single() == 1); // the process manager has handled everything so far
        // other tests' processors may still append to the shared store, so the check is on this user's budgets' histories
        List<String> budgetHistory = eventTypes(budget);

        // every event in the store is delivered again to the process manager's handlers, each in its own transaction,
        // as the processor would after a crash between handling and storing its token
        EventHandlerInvoker handlers = processing.eventProcessor(Budget.TRACKING_GROUP, TrackingEventProcessor.class)
                .orElseThrow().eventHandlerInvoker();
        List<? extends TrackedEventMessage<?>> everything = storageEngine.readEvents(null, false).toList();
        everything.forEach(event -> redeliver(handlers, event));
        assertThat(eventTypes(budget)).isEqualTo(budgetHistory);
        assertThat(eventTypes(removed)).containsExactly("BudgetCreated", "BudgetRemoved");

        String marker = record(alice, expense(wallet, "1.00", "cat-food", TODAY));
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(budget).size() == 7);
        assertThat(describe(stored(budget).get(6), Map.of(marker, "marker"))).isEqualTo("Tracked marker 1.00/71.00 in " + THIS_MONTH.key());
        assertThat(eventTypes(removed)).containsExactly("BudgetCreated", "BudgetRemoved");
    }

    @Test
    void aLongLivedBudgetIsSnapshottedAndCountsOnFromItsSnapshot() {
        TestUser alice = someUser();
        String wallet = openAccount(alice, "EUR");
        Api.Response created = api.post("/api/v1/budgets").as(alice).body(Map.of("name", "Everything", "period", "MONTHLY",
                "limit", "1000.00", "currency", "EUR", "alertLevels", List.of(5))).send();
        String budget = created.text("id");
        List<String> expenses = new ArrayList<>();
        for (int i = 0; i < 55; i++) {
            expenses.add(record(alice, expense(wallet, "1.00", "cat-" + i, TODAY)));
        }
        awaitEvents(budget, 1 + 55 + 1); // created, 55 tracked, level 5 reached at 50.00
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?")
                .param(budget).query(Long.class).single() > 0);

        // the snapshot is read back as a Budget (a snapshot that fails to deserialize is silently skipped by Axon)
        DomainEventMessage<?> first = eventStore.readEvents(budget).next();
        assertThat(first.getPayload()).isInstanceOf(Budget.class);
        assertThat(first.getSequenceNumber()).isGreaterThanOrEqualTo(49); // the 50th event (sequence 49) triggers it

        // state restored from it: the total goes on from 55.00, and level 5 is not raised again
        String t1 = expenses.get(0);
        TransactionDetails before = expense(wallet, "1.00", "cat-0", TODAY);
        publish(alice, t1, new TransactionAmended(t1, alice.userId(), before, expense(wallet, "2.00", "cat-0", TODAY)));
        String marker = record(alice, expense(wallet, "1.00", "cat-x", TODAY));
        List<String> history = history(budget, 59, Map.of(t1, "t1", marker, "marker"));
        assertThat(history).hasSize(59).containsOnlyOnce("Reached 5 in " + THIS_MONTH.key())
                .endsWith("Tracked t1 2.00/56.00 in " + THIS_MONTH.key(), "Tracked marker 1.00/57.00 in " + THIS_MONTH.key());
    }
}
