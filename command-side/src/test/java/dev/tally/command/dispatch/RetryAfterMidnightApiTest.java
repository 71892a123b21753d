package dev.tally.command.dispatch;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change sent without a date is dated today; its retry with the same {@code Idempotency-Key} after midnight (UTC) is
 * still the same request: it gets the first answer and records nothing, rather than {@code idempotency_key_reused}.
 * The application's clock is the test's, moved across midnight between the two sends.
 */
@Import(RetryAfterMidnightApiTest.MovedClock.class)
class RetryAfterMidnightApiTest extends CommandApiTest {

    @Autowired
    MovableClock clock;

    @AfterEach
    void backToNow() {
        clock.at(Instant.now());
    }

    /** Just before the coming midnight, UTC, then just after it. */
    private LocalDate lateInTheDay() {
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        clock.at(midnight.minusSeconds(2));
        return LocalDate.ofInstant(midnight.minusSeconds(2), ZoneOffset.UTC);
    }

    private void pastMidnight() {
        clock.at(Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)).plusSeconds(2));
    }

    private String account(RegisteredUser user) {
        Api.Response response = api.post("/api/v1/accounts").token(user.accessToken())
                .body(Map.of("name", "Card", "type", "CARD", "currency", "EUR")).send();
        assertThat(response.code()).as(response.toString()).isEqualTo(201);
        return response.text("id");
    }

    @Test
    void aDatelessTransactionRetriedAfterMidnightGetsTheFirstAnswer() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        String card = account(alice);
        Map<String, Object> lunch = Map.of("type", "EXPENSE", "accountId", card, "amount", "12.50", "description", "Lunch");

        LocalDate day = lateInTheDay();
        Api.Response first = api.post("/api/v1/transactions").token(alice.accessToken()).idempotencyKey("lunch-1").body(lunch).send();
        assertThat(first.code()).as(first.toString()).isEqualTo(201);
        long events = eventCount();

        pastMidnight();
        Api.Response retry = api.post("/api/v1/transactions").token(alice.accessToken()).idempotencyKey("lunch-1").body(lunch).send();
        assertThat(retry.code()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventCount()).as("nothing recorded twice").isEqualTo(events);
        assertThat(eventTypes(first.text("id"))).containsExactly("TransactionRecorded");
        assertThat(eventJson(first.text("id"), 0)).as("dated the day it was first sent").contains("\"date\":\"" + day + "\"");
        assertThat(balance(card)).isEqualTo(-12_50);

        // a new key after midnight is a new transaction, dated the new day
        Api.Response next = api.post("/api/v1/transactions").token(alice.accessToken()).idempotencyKey("lunch-2").body(lunch).send();
        assertThat(next.code()).as(next.toString()).isEqualTo(201);
        assertThat(eventJson(next.text("id"), 0)).contains("\"date\":\"" + day.plusDays(1) + "\"");
    }

    @Test
    void aDatelessPaymentRetriedAfterMidnightGetsTheFirstAnswer() {
        RegisteredUser alice = RealUsers.registerAndLogIn(api);
        RegisteredUser bob = RealUsers.registerAndLogIn(api);
        String dinner = api.post("/api/v1/transactions").token(alice.accessToken())
                .body(Map.of("type", "EXPENSE", "accountId", account(alice), "amount", "80.00")).send().text("id");
        assertThat(api.put("/api/v1/transactions/" + dinner + "/split").token(alice.accessToken()).body(Map.of("method", "EQUAL",
                "participants", List.of(Map.of("userId", alice.userId()), Map.of("userId", bob.userId())))).send().code()).isEqualTo(200);
        Map<String, Object> payBack = Map.of("payeeId", alice.userId(), "amount", "40.00", "currency", "EUR");

        LocalDate day = lateInTheDay();
        Api.Response first = api.post("/api/v1/payments").token(bob.accessToken()).idempotencyKey("pay-1").body(payBack).send();
        assertThat(first.code()).as(first.toString()).isEqualTo(201);
        long events = eventCount();

        pastMidnight();
        Api.Response retry = api.post("/api/v1/payments").token(bob.accessToken()).idempotencyKey("pay-1").body(payBack).send();
        assertThat(retry.code()).as(retry.toString()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventCount()).as("nothing recorded twice").isEqualTo(events);
        assertThat(eventTypes(first.text("id"))).containsExactly("PaymentRecorded");
        assertThat(eventJson(first.text("id"), 0)).as("dated the day it was first sent").contains("\"date\":\"" + day + "\"");
    }

    /** The application's clock, which the test moves; every reader of the {@code Clock} bean sees it. */
    static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MovedClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }
}
