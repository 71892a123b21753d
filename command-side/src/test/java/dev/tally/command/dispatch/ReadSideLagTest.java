package dev.tally.command.dispatch;

import dev.tally.command.support.Api;
import dev.tally.command.support.CommandApiTest;
import dev.tally.command.support.RealUsers;
import dev.tally.command.support.RegisteredUser;
import dev.tally.command.support.TestUser;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Commands are refused with 503 while the read side applies events but is more than half a second behind with a queue
 * of at least 100 events, and taken again once it catches up. The read side's position is its processor's token in the shared database, written here
 * by hand (no query side runs in these tests).
 */
class ReadSideLagTest extends CommandApiTest {

    private static final String PROCESSOR = "query-read-models";
    /** More than the default {@code tally.command.shed.backlog-from} (100), gaps in the global index included. */
    private static final int QUEUE = 150;

    @Autowired
    ReadSideLag lag;
    @Autowired
    Serializer serializer;

    @AfterEach
    void noReadSide() {
        jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?").param(PROCESSOR).update();
        await().atMost(Duration.ofSeconds(5)).until(() -> !shedding());
    }

    @Test
    void aReadSideBehindByMoreThanHalfASecondPausesCommandsUntilItCatchesUp() {
        TestUser ada = someUser();
        String account = sheddingWith(ada);
        long before = eventCount();
        Api.Response refused = expense(ada, account);

        assertThat(refused.code()).isEqualTo(503);
        assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("1");
        assertThat(refused.text("code")).isEqualTo("read_side_behind");
        assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
        assertThat(eventCount()).as("nothing appended").isEqualTo(before);

        readSideAt(head());
        await().atMost(Duration.ofSeconds(5)).until(() -> !shedding());
        assertThat(expense(ada, account).code()).isEqualTo(201);
    }

    /** Only the bulk of the load, transactions, is refused: a person's first minute (sign-up, an account) and sign-out are not. */
    @Test
    void onlyTransactionsAreRefused() {
        RegisteredUser ada = RealUsers.registerAndLogIn(api);
        TestUser user = new TestUser(ada.userId(), ada.accessToken());
        sheddingWith(user);

        String account = account(user);
        assertThat(account).isNotBlank();
        assertThat(api.post("/api/v1/categories").as(user).body(Map.of("name", "Fun", "kind", "EXPENSE")).send().code()).isEqualTo(201);
        assertThat(expense(user, account).code()).isEqualTo(503);
        assertThat(api.post("/api/v1/auth/logout").token(ada.accessToken()).send().code()).isEqualTo(204);
    }

    /**
     * The refusal costs next to nothing: it comes before authentication (a request without a token is refused alike,
     * with no word of who may do what) and covers every change of a transaction, not only recording one.
     */
    @Test
    void theRefusalComesBeforeAuthenticationAndCoversEveryChange() {
        TestUser ada = someUser();
        sheddingWith(ada);
        long before = eventCount();

        Api.Response anonymous = api.post("/api/v1/transactions").body(Map.of("type", "EXPENSE")).send();
        assertThat(anonymous.code()).isEqualTo(503);
        assertThat(anonymous.text("code")).isEqualTo("read_side_behind");
        assertThat(anonymous.headers().getFirst("Retry-After")).isEqualTo("1");
        assertThat(api.delete("/api/v1/transactions/" + java.util.UUID.randomUUID()).as(ada).send().code()).isEqualTo(503);
        assertThat(eventCount()).as("nothing appended").isEqualTo(before);

        readSideAt(head());
        await().atMost(Duration.ofSeconds(5)).until(() -> !shedding());
        assertThat(api.post("/api/v1/transactions").body(Map.of("type", "EXPENSE")).send().code()).isEqualTo(401);
    }

    /** A read side that applies nothing (stopped, crashed) is not overload: writes go on. */
    @Test
    void aStalledReadSideDoesNotStopWrites() {
        TestUser ada = someUser();
        String account = sheddingWith(ada);

        await().atMost(Duration.ofSeconds(10)).until(() -> !shedding()); // no progress for stalled-after (5 s)
        assertThat(lag.lag()).isGreaterThan(Duration.ofMillis(500));
        assertThat(expense(ada, account).code()).isEqualTo(201);
    }

    /** One event applied late (a cold start, a GC pause) is not a queue: a newcomer's expense is taken. */
    @Test
    void oneSlowEventIsNotOverload() {
        TestUser ada = someUser();
        String account = account(ada);
        readSideAt(head() - 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> lag.lag().compareTo(Duration.ofMillis(700)) > 0);
        // the reading that saw the lag past the limit has decided too: still taking commands
        assertThat(shedding()).isFalse();
        assertThat(expense(ada, account).code()).isEqualTo(201);
    }

    /** Leaves the last {@code events} of the store unapplied, recording expenses first while the store holds fewer. */
    private void queueOf(int events, TestUser user, String account) {
        while (eventCount() <= events) {
            assertThat(expense(user, account).code()).isEqualTo(201);
        }
        readSideAt(head() - events);
    }

    private boolean shedding() {
        return lag.shedding();
    }

    /** An account of {@code user}'s, with a queue of {@code QUEUE} events behind it: commands are being refused. */
    private String sheddingWith(TestUser user) {
        String account = account(user);
        queueOf(QUEUE, user, account);
        await().atMost(Duration.ofSeconds(5)).until(this::shedding);
        return account;
    }

    private long head() {
        return jdbc.sql("SELECT MAX(global_index) FROM domain_event_entry").query(Long.class).single();
    }

    /** Writes the processor's only token as the query side would after applying everything up to {@code position}. */
    private void readSideAt(long position) {
        SerializedObject<byte[]> token = serializer.serialize(new GlobalSequenceTrackingToken(position), byte[].class);
        jdbc.sql("DELETE FROM token_entry WHERE processor_name = ?").param(PROCESSOR).update();
        jdbc.sql("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner) VALUES (?, 0, ?, ?, ?, 'query-side')")
                .params(PROCESSOR, token.getData(), token.getType().getName(), Instant.now().toString()).update();
    }

    private String account(TestUser user) {
        return api.post("/api/v1/accounts").as(user)
                .body(Map.of("name", "Main", "type", "BANK", "currency", "EUR", "openingBalance", "10.00")).send().text("id");
    }

    private Api.Response expense(TestUser user, String account) {
        return api.post("/api/v1/transactions").as(user)
                .body(Map.of("type", "EXPENSE", "accountId", account, "amount", "1.00")).send();
    }
}
