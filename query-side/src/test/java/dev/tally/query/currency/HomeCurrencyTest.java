package dev.tally.query.currency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.budget.BudgetCreated;
import dev.tally.api.budget.BudgetPeriod;
import dev.tally.api.budget.BudgetSpendingTracked;
import dev.tally.api.budget.PeriodType;
import dev.tally.api.currency.ExchangeRatesPublished;
import dev.tally.api.expense.ExpenseGroupChanged;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.identity.HomeCurrencyChanged;
import dev.tally.api.money.Money;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.recurring.RecurringTemplate;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import dev.tally.query.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Figures in the reader's home currency beside the per-currency ones: each currency's total converted once at the
 * rates of the period's last day (or the latest earlier day), HALF_EVEN at the home currency's minor unit; never a
 * number when a rate is missing. Each test uses rates of its own years, since rates are everybody's.
 */
class HomeCurrencyTest extends QueryTestBase {

    @Autowired
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void rates(LocalDate day, String... codeAndRate) {
        Map<String, BigDecimal> perEuro = new TreeMap<>();
        for (int i = 0; i < codeAndRate.length; i += 2) {
            perEuro.put(codeAndRate[i], new BigDecimal(codeAndRate[i + 1]));
        }
        String id = "exchange-rates-" + day;
        events().append("ExchangeRateDay", id, "operator", new ExchangeRatesPublished(id, day, perEuro));
    }

    private void chooseHome(String user, String currency) {
        events().append("User", user, user, new HomeCurrencyChanged(user, currency));
    }

    private static String amount(JsonNode money) {
        return money.get("amount").asText() + " " + money.get("currency").asText();
    }

    @Test
    void dashboardTotalsAreConvertedPerCurrencyAndRoundedHalfEvenBesideTheirOwnFigures() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String euros = d.account(alice, "Giro", "0.00");
        String dollars = d.account(alice, "Dollar card", "0.00", "USD");
        String food = d.category(alice, "Food");
        chooseHome(alice, "CHF");
        d.record(alice, Domain.expense(euros, Money.parse("10.00", "EUR"), food, LocalDate.of(2011, 3, 10)));
        d.record(alice, Domain.expense(dollars, Money.parse("20.00", "USD"), food, LocalDate.of(2011, 3, 12)));
        rates(LocalDate.of(2011, 3, 30), "USD", "1.4100", "CHF", "1.3000");
        rates(LocalDate.of(2011, 3, 31), "USD", "1.4207", "CHF", "1.3005");
        awaitProjected();

        JsonNode march = getJson(alice, "/api/v1/dashboard?month=2011-03");
        assertThat(march.get("totals").findValues("expense")).extracting(HomeCurrencyTest::amount)
                .containsExactly("10.00 EUR", "20.00 USD");
        JsonNode home = march.get("home");
        assertThat(home.get("currency").asText()).isEqualTo("CHF");
        assertThat(home.get("available").asBoolean()).isTrue();
        assertThat(home.get("ratesAsOf").asText()).isEqualTo("2011-03-31");
        // 10.00 EUR × 1.3005 = 13.005 → 13.00 (a tie goes to the even cent); 20.00 USD × 1.3005 / 1.4207 = 18.30787… → 18.31
        assertThat(amount(home.get("expense"))).isEqualTo("31.31 CHF");
        assertThat(amount(home.get("income"))).isEqualTo("0.00 CHF");
        assertThat(amount(home.get("net"))).isEqualTo("-31.31 CHF");

        JsonNode overTheWeekend = getJson(alice, "/api/v1/dashboard?from=2011-03-01&to=2011-04-03").get("home");
        assertThat(overTheWeekend.get("ratesAsOf").asText()).as("no rate on the 3rd: the latest earlier one, named").isEqualTo("2011-03-31");
        assertThat(amount(overTheWeekend.get("expense"))).isEqualTo("31.31 CHF");
        JsonNode before = getJson(alice, "/api/v1/dashboard?from=2011-03-01&to=2011-03-30").get("home");
        assertThat(before.get("ratesAsOf").asText()).isEqualTo("2011-03-30");
        assertThat(amount(before.get("expense"))).as("13.00 + 20 × 1.3 / 1.41 = 18.439… → 18.44").isEqualTo("31.44 CHF");
    }

    @Test
    void aForeignCurrencyTransactionShowsItsOriginalAmountAndKeptRate() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String dollars = d.account(alice, "Dollars", "0.00", "USD");
        String hotel = d.record(alice, new TransactionDetails(TransactionType.EXPENSE, dollars, null, Money.parse("42.10", "USD"), null,
                LocalDate.of(2026, 11, 20), "Hotel", null, List.of(), Money.parse("36.00", "GBP"), new BigDecimal("1.1694")));
        awaitProjected();
        JsonNode view = getJson(alice, "/api/v1/transactions/{id}", hotel);
        assertThat(amount(view.get("amount"))).isEqualTo("42.10 USD");
        assertThat(amount(view.get("originalAmount"))).isEqualTo("36.00 GBP");
        assertThat(view.get("exchangeRate").asText()).isEqualTo("1.1694");
        var started = mvc.perform(as(alice, org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/v1/export/transactions")))
                .andReturn();
        String csv = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(started))
                .andReturn().getResponse().getContentAsString();
        assertThat(csv).contains(",36.00,GBP,1.1694,false,");
    }

    @Test
    void aCorrectedRateReplacesTheDaysRate() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String dollars = d.account(alice, "Dollar card", "0.00", "USD");
        chooseHome(alice, "EUR");
        d.record(alice, Domain.expense(dollars, Money.parse("100.00", "USD"), null, LocalDate.of(2012, 6, 5)));
        rates(LocalDate.of(2012, 6, 29), "USD", "1.2000");
        rates(LocalDate.of(2012, 6, 29), "USD", "1.2500");
        awaitProjected();
        assertThat(amount(getJson(alice, "/api/v1/dashboard?month=2012-06").get("home").get("expense"))).isEqualTo("80.00 EUR");
    }

    @Test
    void withoutAnyRateTheHomeTotalIsUnavailableWithItsReasonNeverAWrongNumber() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String euros = d.account(alice, "Giro", "0.00");
        String kronur = d.account(alice, "Krónur", "0", "ISK");
        d.record(alice, Domain.expense(euros, Money.parse("5.00", "EUR"), null, LocalDate.of(2001, 2, 1)));
        d.record(alice, Domain.expense(kronur, Money.parse("900", "ISK"), null, LocalDate.of(2001, 2, 2)));
        String nobody = d.user("Nobody");
        awaitProjected();

        JsonNode dashboard = getJson(alice, "/api/v1/dashboard?month=2001-02");
        assertThat(dashboard.get("totals")).hasSize(2);
        JsonNode home = dashboard.get("home");
        assertThat(home.get("currency").asText()).as("the first account's, by default").isEqualTo("EUR");
        assertThat(home.get("available").asBoolean()).isFalse();
        assertThat(home.get("reason").asText()).isEqualTo("no exchange rate for ISK on or before 2001-02-28");
        assertThat(home.get("expense").isNull()).isTrue();
        assertThat(home.get("net").isNull()).isTrue();

        JsonNode none = getJson(nobody, "/api/v1/dashboard?month=2001-02").get("home");
        assertThat(none.get("available").asBoolean()).isFalse();
        assertThat(none.get("reason").asText()).startsWith("no home currency yet");
    }

    @Test
    void theHomeCurrencyIsTheFirstAccountsUntilChosenReachesDevicesAndIsEachUsersOwn() throws Exception {
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        assertThat(getJson(alice, "/api/v1/me/home-currency").get("currency").isNull()).isTrue();
        d.account(alice, "Sterling", "0.00", "GBP");
        d.account(alice, "Dollars", "0.00", "USD");
        d.account(bob, "Giro", "0.00");
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/me/home-currency").get("currency").asText()).isEqualTo("GBP");

        chooseHome(alice, "JPY");
        d.account(alice, "Francs", "0.00", "CHF");
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/me/home-currency").get("currency").asText()).as("chosen stays chosen").isEqualTo("JPY");
        assertThat(getJson(bob, "/api/v1/me/home-currency").get("currency").asText()).isEqualTo("EUR");
        List<Map<String, Object>> entries = jdbc.queryForList(
                "SELECT payload FROM user_feed WHERE user_id = ? AND event = 'home-currency:updated' ORDER BY seq", alice);
        assertThat(entries).extracting(e -> json.readTree((String) e.get("payload")))
                .extracting(p -> p.get("id").asText() + " " + p.get("currency").asText())
                .as("the default came with the first account's own entry").containsExactly(alice + " JPY");
        assertStateKeysAsDeclared(alice);
        chooseHome(bob, "SEK");
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/me/home-currency").get("currency").asText()).isEqualTo("JPY");
        assertThat(feedEvents(bob)).containsOnlyOnce("home-currency:updated");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM user_feed WHERE user_id = ? AND payload LIKE ?", Long.class, bob, "%" + alice + "%"))
                .isZero();
    }

    @Test
    void theBudgetsCurrentPeriodForecastsItsRecurringExpensesToComeAndShowsItsFiguresAtHome() throws Exception {
        clock.set(Instant.parse("2013-05-10T12:00:00Z"));
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String eve = d.user("Eve");
        String sterling = d.account(alice, "Sterling", "0.00", "GBP");
        String dollars = d.account(alice, "Dollars", "0.00", "USD");
        chooseHome(alice, "EUR");
        String food = d.category(alice, "Food");
        String fun = d.category(alice, "Fun");
        String budget = "b-" + UUID.randomUUID();
        Money limit = Money.parse("500.00", "GBP");
        events().append("Budget", budget, alice, new BudgetCreated(budget, alice, "Food", food, PeriodType.MONTHLY, limit, List.of(80), "Europe/London"));
        BudgetPeriod may = BudgetPeriod.containing(PeriodType.MONTHLY, LocalDate.of(2013, 5, 10));
        Money spent = Money.parse("100.00", "GBP");
        events().append("Budget", budget, alice, new BudgetSpendingTracked(budget, alice, may.key(), may.start(), "t-1", spent, spent, limit));
        // counted: monthly 50.00 on the 20th, weekly 10.00 from the 13th (13th, 20th, 27th); not: another category, dollars, an income, June
        recurring(alice, new RecurringTemplate(TransactionType.EXPENSE, sterling, Money.parse("50.00", "GBP"), food, "Box", null),
                Recurrence.Frequency.MONTHLY, LocalDate.of(2013, 5, 20));
        recurring(alice, new RecurringTemplate(TransactionType.EXPENSE, sterling, Money.parse("10.00", "GBP"), food, "Milk", null),
                Recurrence.Frequency.WEEKLY, LocalDate.of(2013, 5, 13));
        recurring(alice, new RecurringTemplate(TransactionType.EXPENSE, sterling, Money.parse("70.00", "GBP"), fun, "Cinema", null),
                Recurrence.Frequency.MONTHLY, LocalDate.of(2013, 5, 15));
        recurring(alice, new RecurringTemplate(TransactionType.EXPENSE, dollars, Money.parse("30.00", "USD"), food, "Import", null),
                Recurrence.Frequency.MONTHLY, LocalDate.of(2013, 5, 15));
        recurring(alice, new RecurringTemplate(TransactionType.INCOME, sterling, Money.parse("900.00", "GBP"), food, "Refund", null),
                Recurrence.Frequency.MONTHLY, LocalDate.of(2013, 5, 15));
        recurring(alice, new RecurringTemplate(TransactionType.EXPENSE, sterling, Money.parse("40.00", "GBP"), food, "Later", null),
                Recurrence.Frequency.MONTHLY, LocalDate.of(2013, 6, 1));
        rates(LocalDate.of(2013, 5, 10), "GBP", "0.8512");
        rates(LocalDate.of(2013, 5, 31), "GBP", "0.9999");
        awaitProjected();

        JsonNode view = getJson(alice, "/api/v1/budgets/{id}", budget);
        JsonNode current = view.get("current");
        assertThat(amount(current.get("spent"))).isEqualTo("100.00 GBP");
        assertThat(amount(current.get("forecast"))).isEqualTo("180.00 GBP");
        JsonNode home = view.get("home");
        assertThat(home.get("currency").asText()).isEqualTo("EUR");
        assertThat(home.get("ratesAsOf").asText()).as("today's rate: the period's last day is still to come").isEqualTo("2013-05-10");
        // 100 / 0.8512 = 117.4812… ; 500 / 0.8512 = 587.4060… ; 180 / 0.8512 = 211.4661…
        assertThat(amount(home.get("spent"))).isEqualTo("117.48 EUR");
        assertThat(amount(home.get("limit"))).isEqualTo("587.41 EUR");
        assertThat(amount(home.get("forecast"))).isEqualTo("211.47 EUR");
        assertThat(getJson(alice, "/api/v1/budgets").get(0).get("current").get("forecast").get("amount").asText()).isEqualTo("180.00");
        assertThat(getJson(eve, "/api/v1/budgets")).isEmpty();
    }

    private void recurring(String owner, RecurringTemplate template, Recurrence.Frequency frequency, LocalDate start) {
        String id = "r-" + UUID.randomUUID();
        events().append("RecurringTransaction", id, owner, new RecurringSetUp(id, owner, template,
                new Recurrence(frequency, 1, start, null, null, false), "Europe/London"));
    }

    @Test
    void sharedBalancesShowEachInTheReadersOwnHomeCurrencyAtTodaysRates() throws Exception {
        clock.set(Instant.parse("2014-06-03T08:00:00Z"));
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String dollars = d.account(alice, "Dollars", "0.00", "USD");
        chooseHome(alice, "EUR");
        d.account(bob, "Sterling", "0.00", "GBP");
        String dinner = d.record(alice, Domain.expense(dollars, Money.parse("30.00", "USD"), null, LocalDate.of(2014, 6, 1)));
        d.share(dinner, SplitMethod.EQUAL, List.of(new Share(alice, Money.parse("15.00", "USD"), null),
                new Share(bob, Money.parse("15.00", "USD"), null)));
        rates(LocalDate.of(2014, 6, 2), "USD", "1.3605", "GBP", "0.8102");
        awaitProjected();

        JsonNode forAlice = getJson(alice, "/api/v1/shared/balances").get(0);
        assertThat(amount(forAlice.get("amount"))).isEqualTo("15.00 USD");
        assertThat(forAlice.get("home").get("ratesAsOf").asText()).as("none on the 3rd yet").isEqualTo("2014-06-02");
        assertThat(amount(forAlice.get("home").get("amount"))).as("15 / 1.3605 = 11.0253…").isEqualTo("11.03 EUR");
        JsonNode forBob = getJson(bob, "/api/v1/shared/balances").get(0);
        assertThat(amount(forBob.get("amount"))).isEqualTo("-15.00 USD");
        assertThat(amount(forBob.get("home").get("amount"))).as("-15 × 0.8102 / 1.3605 = -8.9327…").isEqualTo("-8.93 GBP");
    }

    private String group(String name, String creator, String... joining) {
        String id = "g-" + UUID.randomUUID();
        events().append("Group", id, creator, new GroupCreated(id, creator, name));
        for (String member : joining) {
            String invitation = "i-" + UUID.randomUUID();
            events().append("Group", id, creator, new GroupMemberInvited(id, invitation, creator, member + "@example.com"));
            events().append("Group", id, member, new GroupMemberJoined(id, member, invitation));
        }
        return id;
    }

    /** An expense paid by {@code payer}, split equally among {@code people}, shared in {@code groupId}. */
    private void groupExpense(Domain d, String groupId, String payer, String account, Money amount, String... people) {
        String id = d.record(payer, Domain.expense(account, amount, null, LocalDate.of(2015, 7, 1)));
        List<Share> shares = java.util.Arrays.stream(people)
                .map(person -> new Share(person, new Money(amount.minorUnits() / people.length, amount.currency()), null)).toList();
        d.share(id, SplitMethod.EQUAL, shares);
        events().append("Transaction", id, payer, new ExpenseGroupChanged(id, payer, groupId));
    }

    private static JsonNode line(JsonNode group, String userId, String currency) {
        for (JsonNode balance : group.get("balances")) {
            if (balance.get("userId").asText().equals(userId) && balance.get("amount").get("currency").asText().equals(currency)) {
                return balance;
            }
        }
        throw new AssertionError("no " + currency + " balance of " + userId + " in " + group);
    }

    @Test
    void groupBalancesShowTheReadersOwnBalanceInTheirHomeCurrencyBesideThePerCurrencyFigures() throws Exception {
        clock.set(Instant.parse("2015-07-08T10:00:00Z"));
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String carol = d.user("Carol");
        String mallory = d.user("Mallory");
        String dollars = d.account(alice, "Dollars", "0.00", "USD");
        chooseHome(alice, "EUR");
        String bobsEuros = d.account(bob, "Giro", "0.00");
        chooseHome(bob, "GBP");
        d.account(mallory, "Giro", "0.00");
        String trip = group("Road trip", alice, bob, carol);
        // Alice +20.00 USD, Bob and Carol -10.00 USD each; Bob +6.00 EUR, Alice -6.00 EUR
        groupExpense(d, trip, alice, dollars, Money.parse("30.00", "USD"), alice, bob, carol);
        groupExpense(d, trip, bob, bobsEuros, Money.parse("12.00", "EUR"), alice, bob);
        rates(LocalDate.of(2015, 7, 7), "USD", "1.2500", "GBP", "0.8000");
        awaitProjected();

        JsonNode forAlice = getJson(alice, "/api/v1/groups/{id}", trip);
        assertThat(amount(line(forAlice, alice, "USD").get("amount"))).as("the per-currency figures stay").isEqualTo("20.00 USD");
        JsonNode home = forAlice.get("home");
        assertThat(home.get("currency").asText()).isEqualTo("EUR");
        assertThat(home.get("available").asBoolean()).isTrue();
        assertThat(home.get("ratesAsOf").asText()).as("none on the 8th yet").isEqualTo("2015-07-07");
        assertThat(amount(home.get("amount"))).as("20.00 USD / 1.25 = 16.00, less 6.00 EUR").isEqualTo("10.00 EUR");
        assertThat(amount(line(forAlice, carol, "USD").get("home").get("amount"))).as("each member's line too").isEqualTo("-8.00 EUR");
        assertThat(line(forAlice, alice, "EUR").get("home").get("ratesAsOf").isNull()).as("nothing to convert").isTrue();
        assertThat(getJson(alice, "/api/v1/groups").get(0).get("home")).isEqualTo(home);

        JsonNode forBob = getJson(bob, "/api/v1/groups/{id}", trip).get("home");
        assertThat(amount(forBob.get("amount"))).as("each reads their own: -10 × 0.8 / 1.25 = -6.40, + 6 × 0.8 = 4.80")
                .isEqualTo("-1.60 GBP");

        JsonNode forCarol = getJson(carol, "/api/v1/groups/{id}", trip).get("home");
        assertThat(forCarol.get("available").asBoolean()).isFalse();
        assertThat(forCarol.get("amount").isNull()).isTrue();
        assertThat(forCarol.get("reason").asText()).startsWith("no home currency yet");

        mvc.perform(as(mallory, get("/api/v1/groups/{id}", trip))).andExpect(status().isNotFound());
        assertThat(getJson(mallory, "/api/v1/groups")).isEmpty();
        String pushed = jdbc.queryForObject("SELECT payload FROM user_feed WHERE user_id = ? AND event = 'group:updated' ORDER BY seq DESC LIMIT 1",
                String.class, alice);
        JsonNode entry = json.readTree(pushed);
        assertThat(entry.has("home")).as("the feed entry is every member's: no one's home currency").isFalse();
        assertThat(entry.get("balances")).allMatch(balance -> !balance.has("home"));
    }

    @Test
    void aGroupWithACurrencyWithoutARateHasNoHomeBalanceWhileTheCallersOtherGroupsKeepTheirs() throws Exception {
        clock.set(Instant.parse("2016-02-10T10:00:00Z"));
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String bob = d.user("Bob");
        String euros = d.account(alice, "Giro", "0.00");
        String kronur = d.account(alice, "Krónur", "0", "ISK");
        String dollars = d.account(alice, "Dollars", "0.00", "USD");
        String iceland = group("Iceland", alice, bob);
        String dinner = group("Dinners", alice, bob);
        groupExpense(d, iceland, alice, kronur, Money.parse("900", "ISK"), alice, bob);
        groupExpense(d, iceland, alice, euros, Money.parse("10.00", "EUR"), alice, bob);
        groupExpense(d, dinner, alice, dollars, Money.parse("22.00", "USD"), alice, bob);
        rates(LocalDate.of(2016, 2, 9), "USD", "1.1000");
        awaitProjected();

        JsonNode home = getJson(alice, "/api/v1/groups/{id}", iceland).get("home");
        assertThat(home.get("currency").asText()).as("the first account's").isEqualTo("EUR");
        assertThat(home.get("available").asBoolean()).isFalse();
        assertThat(home.get("amount").isNull()).isTrue();
        assertThat(home.get("ratesAsOf").isNull()).isTrue();
        assertThat(home.get("reason").asText()).isEqualTo("no exchange rate for ISK on or before 2016-02-10");
        JsonNode group = getJson(alice, "/api/v1/groups/{id}", iceland);
        assertThat(amount(line(group, bob, "ISK").get("amount"))).isEqualTo("-450 ISK");
        assertThat(line(group, bob, "ISK").get("home").get("available").asBoolean()).isFalse();
        assertThat(amount(line(group, bob, "EUR").get("home").get("amount"))).as("a line on its own").isEqualTo("-5.00 EUR");

        JsonNode both = getJson(alice, "/api/v1/groups");
        JsonNode dinners = both.get(0).get("id").asText().equals(dinner) ? both.get(0) : both.get(1);
        assertThat(amount(dinners.get("home").get("amount"))).as("11.00 USD / 1.1, unaffected by the other group").isEqualTo("10.00 EUR");
        assertThat(dinners.get("home").get("ratesAsOf").asText()).isEqualTo("2016-02-09");
    }
}
