package dev.tally.command.settle;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Settling up over HTTP: record, amend, dispute and delete payments, and every refusal. */
class PaymentApiTest extends CommandApiTest {

    private String account(RegisteredUser user) {
        return api.post("/api/v1/accounts").token(user.accessToken()).body(Map.of("name", "Card", "type", "CARD", "currency", "EUR"))
                .send().text("id");
    }

    /** Alice pays a dinner and shares it with Bob: they now share expenses. */
    private void dinner(RegisteredUser alice, RegisteredUser bob) {
        String dinner = api.post("/api/v1/transactions").token(alice.accessToken())
                .body(Map.of("type", "EXPENSE", "accountId", account(alice), "amount", "80.00", "description", "Dinner")).send().text("id");
        assertThat(api.put("/api/v1/transactions/" + dinner + "/split").token(alice.accessToken()).body(Map.of("method", "EQUAL",
                "participants", List.of(Map.of("userId", alice.userId()), Map.of("userId", bob.userId())))).send().code()).isEqualTo(200);
    }

    private Api.Response pay(RegisteredUser payer, Map<String, Object> body) {
        return api.post("/api/v1/payments").token(payer.accessToken()).body(body).send();
    }

    private static Map<String, Object> payment(RegisteredUser payee, String amount) {
        return new HashMap<>(Map.of("payeeId", payee.userId(), "amount", amount, "currency", "EUR", "note", "Cash"));
    }

    @Test
    void bobPaysAliceBackAmendsAfterHerDisputeAndDeletes() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        dinner(alice, bob);

        Api.Response paid = pay(bob, payment(alice, "40"));
        assertThat(paid.code()).as(paid.toString()).isEqualTo(201);
        String id = paid.text("id");
        assertThat(eventTypes(id)).containsExactly("PaymentRecorded");

        Api.Response disputed = api.post("/api/v1/payments/" + id + "/dispute").token(alice.accessToken()).body(Map.of("reason", "Not yet")).send();
        assertThat(disputed.code()).as(disputed.toString()).isEqualTo(200);
        Api.Response amended = api.patch("/api/v1/payments/" + id).token(bob.accessToken()).ifMatch(1).body(Map.of("amount", "35.50")).send();
        assertThat(amended.code()).as(amended.toString()).isEqualTo(200);
        assertThat(api.patch("/api/v1/payments/" + id).token(bob.accessToken()).ifMatch(1).body(Map.of("amount", "30")).send().code()).isEqualTo(409);
        assertThat(api.delete("/api/v1/payments/" + id).token(bob.accessToken()).send().code()).isEqualTo(200);
        assertThat(eventTypes(id)).containsExactly("PaymentRecorded", "PaymentDisputed", "PaymentAmended", "PaymentDeleted");
        assertThat(api.delete("/api/v1/payments/" + id).token(bob.accessToken()).send().code()).isEqualTo(404);
    }

    @Test
    void aPaymentLinksThePayersOwnTransactionOnly() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        dinner(alice, bob);
        String current = account(bob);
        String card = account(bob);
        String transfer = api.post("/api/v1/transactions").token(bob.accessToken())
                .body(Map.of("type", "TRANSFER", "accountId", current, "toAccountId", card, "amount", "40.00")).send().text("id");
        String alicesOwn = api.post("/api/v1/transactions").token(alice.accessToken())
                .body(Map.of("type", "INCOME", "accountId", account(alice), "amount", "1.00")).send().text("id");

        Map<String, Object> linked = payment(alice, "40.00");
        linked.put("transactionId", transfer);
        assertThat(pay(bob, linked).code()).isEqualTo(201);
        linked.put("transactionId", alicesOwn);
        Api.Response refused = pay(bob, linked);
        assertThat(refused.code()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("unknown_transaction");
    }

    @Test
    void everyBadPaymentIsRefusedAndChangesNothing() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        RegisteredUser mallory = RealUsers.registerAndLogIn(api);
        dinner(alice, bob);
        long events = eventCount();

        assertThat(pay(bob, payment(mallory, "10")).text("code")).isEqualTo("unknown_payee");
        assertThat(pay(bob, payment(bob, "10")).text("code")).isEqualTo("pay_yourself");
        assertThat(pay(bob, payment(alice, "0")).text("code")).isEqualTo("invalid_amount");
        assertThat(pay(bob, payment(alice, "1.001")).text("code")).isEqualTo("invalid_amount");
        Map<String, Object> badCurrency = payment(alice, "10");
        badCurrency.put("currency", "XYZ");
        assertThat(pay(bob, badCurrency).text("code")).isEqualTo("invalid_currency");
        Map<String, Object> notShared = payment(alice, "10");
        notShared.put("currency", "USD");
        Api.Response inDollars = pay(bob, notShared);
        assertThat(inDollars.code()).as(inDollars.toString()).isEqualTo(422);
        assertThat(inDollars.text("code")).isEqualTo("currency_not_shared");
        assertThat(inDollars.toString()).contains("\"field\":\"currency\"", "EUR");
        Map<String, Object> badDate = payment(alice, "10");
        badDate.put("date", "1800-01-01");
        assertThat(pay(bob, badDate).code()).isEqualTo(400);
        Map<String, Object> inStrangeGroup = payment(alice, "10");
        inStrangeGroup.put("groupId", "no-such-group");
        assertThat(pay(bob, inStrangeGroup).text("code")).isEqualTo("unknown_payee");
        assertThat(pay(bob, Map.of("amount", "10", "currency", "EUR")).code()).isEqualTo(400);
        assertThat(api.post("/api/v1/payments").body(payment(alice, "10")).send().code()).isEqualTo(401);
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void eachSideDoesOnlyItsPartAndOthersGet404() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        RegisteredUser mallory = RealUsers.registerAndLogIn(api);
        dinner(alice, bob);
        String id = pay(bob, payment(alice, "10")).text("id");

        Api.Response payeeAmends = api.patch("/api/v1/payments/" + id).token(alice.accessToken()).body(Map.of("amount", "1")).send();
        assertThat(payeeAmends.code()).isEqualTo(403);
        assertThat(payeeAmends.text("code")).isEqualTo("not_the_payer");
        Api.Response payerDisputes = api.post("/api/v1/payments/" + id + "/dispute").token(bob.accessToken()).body(Map.of("reason", "?")).send();
        assertThat(payerDisputes.code()).isEqualTo(403);
        assertThat(payerDisputes.text("code")).isEqualTo("not_the_payee");
        assertThat(api.post("/api/v1/payments/" + id + "/dispute").token(mallory.accessToken()).body(Map.of("reason", "?")).send().code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/payments/" + id).token(mallory.accessToken()).send().code()).isEqualTo(404);
        assertThat(api.post("/api/v1/payments/" + id + "/dispute").token(alice.accessToken()).body(Map.of("reason", " ")).send().code()).isEqualTo(400);
        assertThat(eventTypes(id)).containsExactly("PaymentRecorded");
    }
}
