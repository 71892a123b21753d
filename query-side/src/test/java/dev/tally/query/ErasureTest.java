package dev.tally.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.expense.Share;
import dev.tally.api.expense.SplitMethod;
import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.identity.UserErased;
import dev.tally.api.importing.ImportProgressed;
import dev.tally.api.importing.ImportStarted;
import dev.tally.api.importing.StatementImported;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringOccurrenceRecorded;
import dev.tally.api.recurring.RecurringSetUp;
import dev.tally.api.recurring.RecurringTemplate;
import dev.tally.api.money.Money;
import dev.tally.api.settle.PaymentDisputed;
import dev.tally.api.settle.PaymentRecorded;
import dev.tally.platform.privacy.DataKeys;
import dev.tally.platform.privacy.PersonalDataEraser;
import dev.tally.query.support.Domain;
import dev.tally.query.support.QueryTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.tally.query.support.Domain.expense;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Erasure on the read side: once the person's key is destroyed and {@code UserErased} projected, nothing they typed is
 * readable in the event store, the read models or the feed, others see them as "deleted user", the audit trail of a
 * shared expense still answers, and a rebuild of the read models brings nothing back.
 */
class ErasureTest extends QueryTestBase {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 5);

    @Autowired
    PersonalDataEraser eraser;
    @Autowired
    DataKeys keys;

    private static Share share(String user, String amount) {
        return new Share(user, Money.parse(amount, "EUR"), null);
    }

    @Test
    void theErasedPersonLeavesNothingReadableAndOthersSeeADeletedUser() throws Exception {
        String m = "Zq" + UUID.randomUUID().toString().substring(0, 8);
        Domain d = new Domain(events());
        String alice = d.user("Alice " + m);
        String bob = d.user("Bob");
        String wallet = d.account(alice, "Wallet " + m, "100.00");
        String food = d.category(alice, "Food " + m);
        String lunch = d.record(alice, expense(wallet, "30.00", food, DAY, "Lunch " + m, "Cafe " + m, List.of("tag" + m)));
        String secret = d.record(alice, expense(wallet, "5.00", food, DAY, "Alone " + m, null, List.of()));
        d.share(lunch, SplitMethod.EXACT, List.of(share(alice, "15.00"), share(bob, "15.00")));
        d.comment(lunch, alice, "Thanks " + m);
        d.comment(lunch, bob, "You're welcome");
        String trip = "g-" + UUID.randomUUID();
        events().append("Group", trip, alice, new GroupCreated(trip, alice, "Trip " + m));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, "i-bob", alice, "bob." + m + "@example.com"));
        events().append("Group", trip, bob, new GroupMemberJoined(trip, bob, "i-bob"));
        String paid = "p-" + UUID.randomUUID();
        events().append("Payment", paid, alice, new PaymentRecorded(paid, alice, bob, Money.parse("10.00", "EUR"), trip, DAY, "Note " + m, null));
        String owed = "p-" + UUID.randomUUID();
        events().append("Payment", owed, bob, new PaymentRecorded(owed, bob, alice, Money.parse("2.00", "EUR"), trip, DAY, "Bob's note", null));
        events().append("Payment", owed, alice, new PaymentDisputed(owed, bob, alice, "Never got it " + m));
        // a schedule and an import of ten events each: the audit keeps a snapshot of each (every 10 in tests), in plain JSON
        String rent = "r-" + UUID.randomUUID();
        RecurringTemplate template = new RecurringTemplate(TransactionType.EXPENSE, wallet, Money.parse("1.00", "EUR"), null, "Rent " + m, null);
        events().append("RecurringTransaction", rent, alice, new RecurringSetUp(rent, alice, template,
                new Recurrence(Recurrence.Frequency.DAILY, 1, DAY, null, null, false), "UTC"));
        for (int i = 0; i < 9; i++) {
            events().append("RecurringTransaction", rent, alice, new RecurringOccurrenceRecorded(rent, alice, i, DAY.plusDays(i), "t-" + rent + i, template));
        }
        String job = "j-" + UUID.randomUUID();
        events().append("Import", job, alice, new ImportStarted(job, alice, wallet, "CSV", "bank " + m + ".csv", 900));
        for (int i = 1; i <= 8; i++) {
            events().append("Import", job, alice, new ImportProgressed(job, alice, 100 * i, 900, 100 * i, 0));
        }
        events().append("Import", job, alice, new StatementImported(job, alice, wallet, "CSV", "bank " + m + ".csv", 900, 0, List.of()));
        awaitProjected();
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM audit_snapshot WHERE aggregate_id IN (?, ?)", Long.class, rent, job) == 2);
        assertThat(getJson(bob, "/api/v1/transactions/{id}", lunch).toString()).contains("Lunch " + m, "Alice " + m, "Thanks " + m);
        assertThat(readable(m)).as("before erasure, the read models hold it (and the store does not)").isNotEmpty()
                .allMatch(where -> !where.startsWith("domain_event_entry") && !where.startsWith("snapshot_event_entry"));
        int bobsEntriesBefore = feedEvents(bob).size();

        // what DELETE /api/v1/me does on the command side
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> eraser.erase(alice));
        events().append("User", alice, alice, new UserErased(alice));
        awaitProjected();

        assertThat(readable(m)).isEmpty();
        JsonNode shared = getJson(bob, "/api/v1/transactions/{id}", lunch);
        assertThat(shared.get("description").asText()).isEqualTo("(erased)");
        assertThat(shared.toString()).contains("deleted user", "You're welcome").doesNotContain("Alice");
        assertThat(feedEvents(alice)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM transaction_view WHERE transaction_id = ?", Long.class, secret)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM account_view WHERE owner_id = ?", Long.class, alice)).isZero();
        // bob's devices hear of the change: the shared expense, the group and the payments as they now stand
        assertThat(feedEvents(bob).subList(bobsEntriesBefore, feedEvents(bob).size()))
                .contains("expense:updated", "group:updated", "payment:updated");
        // the audit trail of the shared expense still answers, with the personal fields erased
        JsonNode audit = getJson(bob, "/api/v1/audit/transaction/{id}/events?limit=50", lunch);
        assertThat(audit.toString()).contains("(erased)").doesNotContain(m);

        mvc.perform(post("/admin/projections/rebuild").header("X-Admin-Token", "test-admin-token")).andExpect(status().isOk());

        assertThat(readable(m)).isEmpty();
        assertThat(getJson(bob, "/api/v1/transactions/{id}", lunch).toString()).contains("deleted user").doesNotContain("Alice");
    }

    @Test
    void anInviteesErasureTakesTheAddressesTheyWereInvitedAtFromTheStoreTheReadModelsAndTheFeeds() throws Exception {
        String m = "zq" + UUID.randomUUID().toString().substring(0, 8);
        Domain d = new Domain(events());
        String alice = d.user("Alice");
        String carol = d.user("Carol");
        String bob = d.user("Bob"); // invited to the trip and never joined
        String trip = "g-" + UUID.randomUUID();
        String toBob = "i-" + UUID.randomUUID();
        String toDan = "i-" + UUID.randomUUID();
        events().append("Group", trip, alice, new GroupCreated(trip, alice, "Trip"));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, toBob, alice, "bob." + m + "@example.com"));
        events().append("Group", trip, alice, new GroupMemberInvited(trip, toDan, alice, "dan@example.com"));
        String toCarol = "i-" + UUID.randomUUID();
        events().append("Group", trip, alice, new GroupMemberInvited(trip, toCarol, alice, "carol@example.com"));
        events().append("Group", trip, carol, new GroupMemberJoined(trip, carol, toCarol));
        awaitProjected();
        assertThat(getJson(alice, "/api/v1/groups/{id}", trip).toString()).contains("bob." + m + "@example.com");

        // what DELETE /api/v1/me does on the command side for bob: his key and those of the invitations to his address
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            eraser.erase(bob);
            keys.destroy(GroupMemberInvited.emailSubjectOf(toBob));
        });
        events().append("User", bob, bob, new UserErased(bob, List.of(toBob)));
        awaitProjected();

        assertThat(readable(m)).isEmpty();
        JsonNode group = getJson(alice, "/api/v1/groups/{id}", trip);
        assertThat(group.toString()).contains("(erased)", "dan@example.com", "carol@example.com").doesNotContain(m);
        // the events read back through the store: bob's address erased, the others' as they were
        assertThat(eventStore.readEvents(trip).asStream().map(e -> e.getPayload()).filter(GroupMemberInvited.class::isInstance)
                .map(e -> ((GroupMemberInvited) e).email()).toList()).containsExactly("(erased)", "dan@example.com", "carol@example.com");

        mvc.perform(post("/admin/projections/rebuild").header("X-Admin-Token", "test-admin-token")).andExpect(status().isOk());

        assertThat(readable(m)).isEmpty();
        assertThat(getJson(alice, "/api/v1/groups/{id}", trip).toString()).contains("dan@example.com").doesNotContain(m);
    }

    /** Where the text can still be read: every table's rows as text, and the stored events' and snapshots' JSON. */
    private List<String> readable(String text) {
        List<String> found = new ArrayList<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                + "AND table_type = 'BASE TABLE'", String.class)) {
            String query = switch (table) {
                case "domain_event_entry", "snapshot_event_entry", "dead_letter_entry" ->
                        "SELECT convert_from(payload, 'UTF8') || COALESCE(convert_from(meta_data, 'UTF8'), '') FROM " + table;
                default -> "SELECT CAST(t AS TEXT) FROM " + table + " t";
            };
            jdbc.queryForList(query, String.class).stream().filter(row -> row != null && row.contains(text))
                    .forEach(row -> found.add(table + ": " + row));
        }
        return found;
    }
}
