package dev.tally.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.money.Money;
import dev.tally.query.projection.ReadModelChange;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import dev.tally.query.support.ReadModelSnapshot;
import dev.tally.query.support.TestClock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.tally.query.support.Domain.expense;
import static dev.tally.query.support.Domain.income;
import static dev.tally.query.support.Domain.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Read models after realistic histories, redelivery, and a rebuild. */
class ProjectionTest extends QueryTestBase {

    @Autowired
    private TestClock clock;

    @Autowired
    ApplicationContext context;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    ReadModelChange change;

    private static final LocalDate NOV_3 = LocalDate.of(2026, 11, 3);

    record Story(Domain domain, String alice, String main, String savings, String groceries, String salary,
                 String weekly, String aldi, String rent) {
    }

    private Story story() {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String main = d.account(alice, "Main", "1000.00");
        String savings = d.account(alice, "Savings", "0.00");
        String groceries = d.category(alice, "Groceries");
        String salary = d.category(alice, "Salary");
        String weekly = d.record(alice, expense(main, "42.50", groceries, NOV_3, "Weekly shop", "Rewe", List.of("food", "family")));
        String aldi = d.record(alice, expense(main, "12.00", groceries, LocalDate.of(2026, 11, 5), "Snacks", "Aldi", List.of("food")));
        d.record(alice, income(main, "2500.00", salary, LocalDate.of(2026, 11, 1), "November salary"));
        d.record(alice, transfer(main, savings, "100.00", LocalDate.of(2026, 11, 2)));
        String rent = d.record(alice, expense(main, "800.00", null, LocalDate.of(2026, 11, 1), "Rent", "Landlord", List.of()));
        // the weekly shop was really 45.00 on 30 October; the snacks are deleted; rent deleted then restored
        d.amend(weekly, expense(main, "45.00", groceries, LocalDate.of(2026, 10, 30), "Weekly shop", "Rewe", List.of("food")));
        d.delete(aldi);
        d.delete(rent);
        d.restore(rent);
        awaitProjected();
        return new Story(d, alice, main, savings, groceries, salary, weekly, aldi, rent);
    }

    /** Expenses, balances, month figures and categories: each entry says which thing it is about, as its event declares. */
    @Test
    void everyFeedEntryCarriesTheStateKeyOfWhatItIsAbout() throws Exception {
        Story s = story();
        assertThat(feedEvents(s.alice())).contains("expense:created", "expense:updated", "expense:deleted", "balance:updated",
                "dashboard:updated");
        assertStateKeysAsDeclared(s.alice());
    }

    /**
     * One commit, so one batch: expenses recorded there are written at the batch's end, so the events after them in the
     * same batch (an amendment, a share, a comment, a deletion) must find them written first.
     */
    @Test
    void expensesRecordedAndChangedInOneBatchEndAsTheirLastEventLeftThem() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String eve = d.user("Eve");
        String main = d.account(alice, "Main", "100.00");
        awaitProjected();
        long rollbacks = change.rollbacks();
        String[] ids = new String[3];
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            ids[0] = d.record(alice, expense(main, "10.00", null, NOV_3, "Lunch", "Deli", List.of("food", "work")));
            ids[1] = d.record(alice, expense(main, "20.00", null, NOV_3, "Dinner", null, List.of("food")));
            ids[2] = d.record(alice, expense(main, "5.00", null, NOV_3, "Coffee", null, List.of()));
            d.amend(ids[0], expense(main, "12.00", null, NOV_3, "Team lunch", "Deli", List.of("work", "team")));
            d.share(ids[1], SplitMethod.EQUAL, List.of(new Share(alice, Money.parse("10.00", "EUR"), null),
                    new Share(bob, Money.parse("10.00", "EUR"), null)));
            d.comment(ids[1], bob, "Thanks!");
            d.delete(ids[2]);
        });
        awaitProjected();

        // nothing of Alice's parked (other tests' parked events stay in the shared database)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dead_letter_entry WHERE sequence_identifier = ?", Integer.class, alice)).isZero();
        assertThat(change.rollbacks()).as("applied as it came, not rolled back and redone event by event").isEqualTo(rollbacks);
        JsonNode lunch = getJson(alice, "/api/v1/transactions/{id}", ids[0]);
        assertThat(lunch.get("amount").get("amount").asText()).isEqualTo("12.00");
        assertThat(lunch.get("description").asText()).isEqualTo("Team lunch");
        assertThat(lunch.get("tags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("team", "work");
        assertThat(getJson(alice, "/api/v1/transactions/{id}", ids[1]).get("tags")).extracting(JsonNode::asText).containsExactly("food");
        assertThat(getJson(alice, "/api/v1/transactions/{id}", ids[2]).get("deleted").asBoolean()).isTrue();
        assertThat(getJson(alice, "/api/v1/transactions").get("items")).extracting(i -> i.get("id").asText())
                .containsExactlyInAnyOrder(ids[0], ids[1]);
        assertThat(getJson(bob, "/api/v1/shared/expenses")).extracting(e -> e.get("id").asText()).containsExactly(ids[1]);
        // shared with him, then his own comment (which he is not notified of)
        assertThat(feedEvents(bob)).containsExactly("expense:created", "notification", "expense:updated");
        // the balance and the month's total count what is left: 12 + 20
        assertThat(getJson(alice, "/api/v1/accounts/{id}", main).get("balance").get("amount").asText()).isEqualTo("68.00");
        assertThat(getJson(alice, "/api/v1/dashboard?month=2026-11").get("totals").get(0).get("expense").get("amount").asText())
                .isEqualTo("32.00");
        // nobody else sees any of it
        assertThat(getJson(eve, "/api/v1/transactions").get("items")).isEmpty();
        assertThat(feedEvents(eve)).isEmpty();
    }

    @Test
    void accountsAndTransactionsFollowRecordAmendDeleteAndRestore() throws Exception {
        Story s = story();

        JsonNode accounts = getJson(s.alice(), "/api/v1/accounts");
        assertThat(accounts).hasSize(2);
        JsonNode main = getJson(s.alice(), "/api/v1/accounts/{id}", s.main());
        // 1000 - 45 (amended shop) + 2500 - 100 (transfer) - 800 (rent restored) = 2555
        assertThat(main.get("balance").get("amount").asText()).isEqualTo("2555.00").isEqualTo(s.domain().balance(s.main()).amount());
        assertThat(getJson(s.alice(), "/api/v1/accounts/{id}", s.savings()).get("balance").get("amount").asText()).isEqualTo("100.00");

        JsonNode list = getJson(s.alice(), "/api/v1/transactions");
        List<String> descriptions = new java.util.ArrayList<>();
        list.get("items").forEach(i -> descriptions.add(i.get("description").asText()));
        // date descending (rent and salary share 1 November), the deleted snacks absent
        assertThat(descriptions).hasSize(4).startsWith("Transfer").endsWith("Weekly shop")
                .containsExactlyInAnyOrder("Transfer", "Rent", "November salary", "Weekly shop");
        JsonNode weekly = getJson(s.alice(), "/api/v1/transactions/{id}", s.weekly());
        assertThat(weekly.get("amount").get("amount").asText()).isEqualTo("45.00");
        assertThat(weekly.get("date").asText()).isEqualTo("2026-10-30");
        assertThat(weekly.get("categoryName").asText()).isEqualTo("Groceries");
        assertThat(weekly.get("tags")).extracting(JsonNode::asText).containsExactly("food");
        assertThat(getJson(s.alice(), "/api/v1/transactions/{id}", s.aldi()).get("deleted").asBoolean()).isTrue();
        assertThat(getJson(s.alice(), "/api/v1/transactions?deleted=true").get("items")).extracting(i -> i.get("id").asText())
                .containsExactly(s.aldi());
        assertThat(getJson(s.alice(), "/api/v1/transactions/{id}", s.rent()).get("deleted").asBoolean()).isFalse();
    }

    @Test
    void transactionListFiltersSortsAndPagesWithoutSkippingOrRepeating() throws Exception {
        Story s = story();
        assertThat(getJson(s.alice(), "/api/v1/transactions?q=WEEKLY").get("items")).extracting(i -> i.get("id").asText())
                .containsExactly(s.weekly());
        assertThat(getJson(s.alice(), "/api/v1/transactions?q=landl").get("items")).extracting(i -> i.get("id").asText())
                .containsExactly(s.rent()); // merchant
        assertThat(getJson(s.alice(), "/api/v1/transactions?tag=food").get("items")).hasSize(1);
        assertThat(getJson(s.alice(), "/api/v1/transactions?categoryId={c}", s.salary()).get("items")).hasSize(1);
        assertThat(getJson(s.alice(), "/api/v1/transactions?accountId={a}", s.savings()).get("items"))
                .extracting(i -> i.get("type").asText()).containsExactly("TRANSFER");
        assertThat(getJson(s.alice(), "/api/v1/transactions?from=2026-11-01&to=2026-11-01").get("items")).hasSize(2);
        assertThat(getJson(s.alice(), "/api/v1/transactions?sort=-amount").get("items")).extracting(i -> i.get("amount").get("amount").asText())
                .containsExactly("2500.00", "800.00", "100.00", "45.00");

        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = getJson(s.alice(), "/api/v1/transactions?sort=amount&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
            page.get("items").forEach(i -> seen.add(i.get("amount").get("amount").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).containsExactly("45.00", "100.00", "800.00", "2500.00");
    }

    @Test
    void dashboardSumsTheMonthPerCurrencyWithoutTransfersOrDeletedOnes() throws Exception {
        Story s = story();
        JsonNode nov = getJson(s.alice(), "/api/v1/dashboard?month=2026-11");
        assertThat(nov.get("totals")).hasSize(1);
        JsonNode eur = nov.get("totals").get(0);
        assertThat(eur.get("currency").asText()).isEqualTo("EUR");
        assertThat(eur.get("income").get("amount").asText()).isEqualTo("2500.00");
        assertThat(eur.get("expense").get("amount").asText()).isEqualTo("800.00");
        assertThat(eur.get("net").get("amount").asText()).isEqualTo("1700.00");
        assertThat(nov.get("topMerchants")).extracting(m -> m.get("merchant").asText()).containsExactly("Landlord");
        assertThat(nov.get("daily")).extracting(d -> d.get("date").asText()).containsExactly("2026-11-01");
        assertThat(nov.get("feed").get("seq").asLong()).isEqualTo(feedSeqs(s.alice()).size());

        JsonNode oct = getJson(s.alice(), "/api/v1/dashboard?from=2026-10-01&to=2026-10-31");
        assertThat(oct.get("byCategory")).hasSize(1);
        assertThat(oct.get("byCategory").get(0).get("categoryName").asText()).isEqualTo("Groceries");
        assertThat(oct.get("byCategory").get(0).get("total").get("amount").asText()).isEqualTo("45.00");
    }

    /**
     * The pushed month figures come from the totals the projection keeps, the dashboard's from summing the transactions:
     * after amendments across months, deletions, a restore, an income and a transfer, the last push for each month
     * says what the dashboard says.
     */
    @Test
    void theLastPushForEachMonthMatchesThatMonthsDashboard() throws Exception {
        Story s = story();
        // a second expense in October's groceries, projected in a batch of its own: it adds to a total already stored
        s.domain().record(s.alice(), expense(s.main(), "5.25", s.groceries(), LocalDate.of(2026, 10, 31), "Bread", "Bakery", List.of()));
        awaitProjected();
        Map<String, JsonNode> lastPush = new java.util.TreeMap<>();
        for (String payload : jdbc.queryForList("SELECT payload FROM user_feed WHERE user_id = ? AND event = 'dashboard:updated' ORDER BY seq",
                String.class, s.alice())) {
            JsonNode push = json.readTree(payload);
            lastPush.put(push.get("month").asText(), push);
        }
        assertThat(lastPush).containsOnlyKeys("2026-10", "2026-11");
        for (var month : lastPush.entrySet()) {
            JsonNode dashboard = getJson(s.alice(), "/api/v1/dashboard?month=" + month.getKey());
            assertThat(month.getValue().get("totals")).as(month.getKey()).isEqualTo(dashboard.get("totals"));
            assertThat(month.getValue().get("byCategory")).as(month.getKey()).isEqualTo(dashboard.get("byCategory"));
            // and the stored totals, which the next batch starts from, add up to the same
            List<String> summed = new java.util.ArrayList<>();
            dashboard.get("byCategory").forEach(c -> summed.add(c.get("categoryId").asText("-") + " "
                    + new java.math.BigDecimal(c.get("total").get("amount").asText()).movePointRight(2).longValueExact()));
            assertThat(jdbc.queryForList("SELECT COALESCE(category_id, '-') || ' ' || total_minor FROM dashboard_month_total "
                            + "WHERE owner_id = ? AND month_start = ? AND entries > 0", String.class, s.alice(),
                    java.sql.Date.valueOf(month.getKey() + "-01"))).as(month.getKey()).containsExactlyInAnyOrderElementsOf(summed);
        }
        // November: the salary in Salary, the restored rent uncategorised; the deleted snacks and the moved shop count nowhere
        assertThat(lastPush.get("2026-11").get("byCategory")).extracting(c -> c.get("categoryName").asText() + " " + c.get("total").get("amount").asText())
                .containsExactly("Salary 2500.00", "null 800.00");
        assertThat(jdbc.queryForList("SELECT entries FROM dashboard_month_total WHERE owner_id = ? AND category_id = ? ORDER BY month_start",
                Long.class, s.alice(), s.groceries())).containsExactly(2L, 0L); // October: the shop, the bread; November: moved and deleted
    }

    @Test
    void theDashboardsDefaultMonthIsTheCurrentMonthInTheCallersTimeZone() throws Exception {
        Domain d = new Domain(events());
        String kiritimati = d.user("Teuea", "Pacific/Kiritimati"); // UTC+14
        String honolulu = d.user("Keala", "Pacific/Honolulu");     // UTC-10
        awaitProjected();
        clock.set(Instant.parse("2026-11-30T12:00:00Z")); // 1 December 02:00 in Kiritimati, 30 November 02:00 in Honolulu
        try {
            assertThat(getJson(kiritimati, "/api/v1/dashboard").get("from").asText()).isEqualTo("2026-12-01");
            assertThat(getJson(honolulu, "/api/v1/dashboard").get("from").asText()).isEqualTo("2026-11-01");
        } finally {
            clock.reset();
        }
    }

    @Test
    void feedOfTheOwnerTellsEveryVisibleChangeInOrderWithoutGaps() throws Exception {
        Story s = story();
        List<String> events = feedEvents(s.alice());
        List<Long> seqs = feedSeqs(s.alice());
        assertThat(seqs).isEqualTo(java.util.stream.LongStream.rangeClosed(1, seqs.size()).boxed().toList());
        assertThat(events).contains("balance:updated", "category:updated", "expense:created", "expense:updated", "expense:deleted",
                "dashboard:updated");
        // the amendment moved the shop from November to October: both months' totals were sent
        List<Map<String, Object>> dashboards = jdbc.queryForList(
                "SELECT payload FROM user_feed WHERE user_id = ? AND event = 'dashboard:updated' ORDER BY seq", s.alice());
        JsonNode lastOct = null;
        for (var row : dashboards) {
            JsonNode p = json.readTree((String) row.get("payload"));
            if (p.get("month").asText().equals("2026-10")) {
                lastOct = p;
            }
        }
        assertThat(lastOct).isNotNull();
        assertThat(lastOct.get("totals").get(0).get("expense").get("amount").asText()).isEqualTo("45.00");
        // expense events carry the expense as the API shows it
        String created = jdbc.queryForObject("SELECT payload FROM user_feed WHERE user_id = ? AND event = 'expense:updated' ORDER BY seq LIMIT 1",
                String.class, s.alice());
        assertThat(json.readTree(created).get("id").asText()).isEqualTo(s.weekly());
        assertThat(json.readTree(created).get("amount").get("amount").asText()).isEqualTo("45.00");
    }

    @Test
    void redeliveringEveryEventChangesNothing() throws Exception {
        Story s = story();
        var before = ReadModelSnapshot.of(jdbc, List.of(s.alice()));
        List<Long> feedBefore = feedSeqs(s.alice());

        // deliver every stored event of alice's a second time, through the same handlers, as a processor retry would
        List<AnnotationEventHandlerAdapter> handlers = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                .map(AnnotationEventHandlerAdapter::new).toList();
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            try (var stored = storage.readEvents(null, false)) {
                stored.filter(e -> e.getMetaData().get("userId").equals(s.alice())).forEach(event -> handlers.stream()
                        .filter(h -> h.canHandle(event)).forEach(h -> {
                            try {
                                h.handle(event);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        }));
            }
        });

        assertThat(ReadModelSnapshot.of(jdbc, List.of(s.alice()))).isEqualTo(before);
        assertThat(feedSeqs(s.alice())).isEqualTo(feedBefore);
    }

    @Test
    void rebuildGivesTheSameReadModelsInANewEpoch() throws Exception {
        Story s = story();
        // a read mark is no event: the rebuild must keep it
        String[] budget = {"b-" + java.util.UUID.randomUUID()};
        events().append("Budget", budget[0], s.alice(), new dev.tally.api.budget.BudgetCreated(budget[0], s.alice(), "Food", null,
                dev.tally.api.budget.PeriodType.MONTHLY, dev.tally.api.money.Money.parse("100.00", "EUR"), List.of(50), "UTC"));
        events().append("Budget", budget[0], s.alice(), new dev.tally.api.budget.BudgetThresholdReached(budget[0], s.alice(), "2026-11", 50,
                dev.tally.api.money.Money.parse("60.00", "EUR"), dev.tally.api.money.Money.parse("100.00", "EUR")));
        awaitProjected();
        String alert = jdbc.queryForObject("SELECT notification_id FROM notification_view WHERE user_id = ?", String.class, s.alice());
        mvc.perform(as(s.alice(), post("/api/v1/notifications/{id}/read", alert))).andExpect(status().isOk());
        var before = ReadModelSnapshot.of(jdbc, List.of(s.alice()));
        long headBefore = jdbc.queryForObject("SELECT seq FROM user_feed_head WHERE user_id = ?", Long.class, s.alice());
        String epochBefore = getJson(s.alice(), "/api/v1/sync?since=0").get("epoch").asText();

        mvc.perform(post("/admin/projections/rebuild")).andExpect(status().isNotFound());
        mvc.perform(post("/admin/projections/rebuild").header("X-Admin-Token", "wrong")).andExpect(status().isNotFound());
        mvc.perform(post("/admin/projections/rebuild").header("X-Admin-Token", "test-admin-token")).andExpect(status().isOk());

        assertThat(ReadModelSnapshot.of(jdbc, List.of(s.alice()))).isEqualTo(before);
        JsonNode sync = getJson(s.alice(), "/api/v1/sync?since={seq}&epoch={e}", headBefore, epochBefore);
        assertThat(sync.get("recovered").asBoolean()).isFalse();
        assertThat(sync.get("epoch").asText()).isNotEqualTo(epochBefore);
        assertThat(sync.get("latestSeq").asLong()).isEqualTo(headBefore);

        // the processor carries on after the rebuild, in the new epoch, with the next seq
        s.domain().record(s.alice(), expense(s.main(), "3.20", s.groceries(), NOV_3, "Coffee", "Cafe", List.of()));
        awaitProjected();
        assertThat(getJson(s.alice(), "/api/v1/transactions?q=coffee").get("items")).hasSize(1);
        JsonNode next = getJson(s.alice(), "/api/v1/sync?since={seq}&epoch={e}", headBefore, sync.get("epoch").asText());
        assertThat(next.get("recovered").asBoolean()).isTrue();
        assertThat(next.get("entries").get(0).get("seq").asLong()).isEqualTo(headBefore + 1);
    }

}
