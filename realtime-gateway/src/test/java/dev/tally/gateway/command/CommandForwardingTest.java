package dev.tally.gateway.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.support.CommandApiStub;
import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** expense:create|update|delete forwarded to a real HTTP server standing in for the command API. */
class CommandForwardingTest extends GatewayIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void defaultAnswer() {
        COMMAND_API.answer(r -> new CommandApiStub.Response(201, "application/json", "{\"id\":\"tx-1\"}"));
    }

    @Test
    void createIsPostedWithTheSocketsTokenAndIdempotencyKeyAndTheAckCarriesTheId() throws Exception {
        String user = newUser();
        COMMAND_API.answer(r -> new CommandApiStub.Response(201, "application/json", "{\"id\":\"tx-" + user + "\",\"version\":0}"));
        int before = COMMAND_API.requests().size();
        try (RawSocket socket = RawSocket.connect(port, auth(user))) {
            socket.send("4211[\"expense:create\",{\"clientRequestId\":\"req-1\",\"accountId\":\"acc-1\",\"amount\":\"12.34\","
                    + "\"categoryId\":\"cat-1\",\"date\":\"2026-11-25\",\"description\":\"Lunch\"}]");
            JsonNode ack = Frames.ackAnswer(socket.next(f -> f.startsWith("4311")));
            assertThat(ack.get("ok").asBoolean()).isTrue();
            assertThat(ack.get("id").asText()).isEqualTo("tx-" + user);
            assertThat(ack.get("version").isIntegralNumber()).as("the version is a number, as the API answers it").isTrue();
            assertThat(ack.get("version").asLong()).isZero();
        }
        CommandApiStub.Request request = COMMAND_API.requests().get(before);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/api/v1/transactions");
        assertThat(request.header("Authorization")).startsWith("Bearer ").satisfies(h ->
                assertThat(TestTokensSubject.of(h.substring(7))).isEqualTo(user));
        assertThat(request.header("Idempotency-Key")).isEqualTo("req-1");
        JsonNode body = JSON.readTree(request.body());
        assertThat(body.get("type").asText()).isEqualTo("expense");
        assertThat(body.get("amount").asText()).isEqualTo("12.34");
        assertThat(body.has("clientRequestId")).isFalse();
    }

    @Test
    void updateAndDeleteCarryTheIdInThePathAndTheVersionAsIfMatch() {
        int before = COMMAND_API.requests().size();
        COMMAND_API.answer(r -> new CommandApiStub.Response(r.method().equals("DELETE") ? 204 : 200, "application/json",
                r.method().equals("DELETE") ? "" : "{\"id\":\"tx-9\"}"));
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("421[\"expense:update\",{\"id\":\"tx-9\",\"version\":3,\"description\":\"Dinner\"}]");
            assertThat(Frames.ackAnswer(socket.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
            socket.send("422[\"expense:delete\",{\"id\":\"tx-9\",\"version\":4,\"clientRequestId\":\"del-1\"}]");
            JsonNode deleted = Frames.ackAnswer(socket.next(f -> f.startsWith("432")));
            assertThat(deleted.get("ok").asBoolean()).isTrue();
            assertThat(deleted.get("id").asText()).isEqualTo("tx-9");
        }
        CommandApiStub.Request update = COMMAND_API.requests().get(before);
        assertThat(update.method()).isEqualTo("PATCH");
        assertThat(update.path()).isEqualTo("/api/v1/transactions/tx-9");
        assertThat(update.header("If-Match")).isEqualTo("\"3\"");
        assertThat(update.body()).contains("Dinner").doesNotContain("version").doesNotContain("\"id\"");
        CommandApiStub.Request delete = COMMAND_API.requests().get(before + 1);
        assertThat(delete.method()).isEqualTo("DELETE");
        assertThat(delete.header("If-Match")).isEqualTo("\"4\"");
        assertThat(delete.header("Idempotency-Key")).isEqualTo("del-1");
    }

    @Test
    void aRefusalComesBackAsTheProblemDetailsInTheAck() {
        COMMAND_API.answer(r -> new CommandApiStub.Response(400, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"code\":\"VALIDATION\","
                        + "\"errors\":[{\"field\":\"amount\",\"message\":\"must be positive\"}]}"));
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("425[\"expense:create\",{\"accountId\":\"acc-1\",\"amount\":\"-1\"}]");
            JsonNode ack = Frames.ackAnswer(socket.next(f -> f.startsWith("435")));
            assertThat(ack.get("ok").asBoolean()).isFalse();
            assertThat(ack.get("error").get("status").asInt()).isEqualTo(400);
            assertThat(ack.get("error").get("errors").get(0).get("field").asText()).isEqualTo("amount");
        }
    }

    @Test
    void anUnreachableCommandApiGivesAClearErrorAck() {
        COMMAND_API.answer(r -> { throw new IllegalStateException("boom"); }); // the stub drops the connection
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("426[\"expense:create\",{\"amount\":\"1.00\"}]");
            JsonNode ack = Frames.ackAnswer(socket.next(f -> f.startsWith("436")));
            assertThat(ack.get("ok").asBoolean()).isFalse();
            assertThat(ack.get("error").get("code").asText()).isEqualTo("COMMAND_API_UNAVAILABLE");
            assertThat(ack.toString()).doesNotContain("Exception").doesNotContain("at dev.");
        }
    }

    @Test
    void badCommandPayloadsAreRefusedWithoutCallingTheApi() {
        int before = COMMAND_API.requests().size();
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            String[] bad = {"[\"expense:create\"]", "[\"expense:create\",\"text\"]", "[\"expense:update\",{\"description\":\"no id\"}]",
                    "[\"expense:delete\",{\"id\":\"../../admin\"}]", "[\"expense:delete\",{\"id\":\"tx-9?force=1\"}]",
                    "[\"expense:delete\",{\"id\":\"tx-9#x\"}]", "[\"expense:delete\",{\"id\":[\"tx-9\"]}]",
                    "[\"expense:create\",{\"clientRequestId\":\"has space\"}]"};
            for (int i = 0; i < bad.length; i++) {
                socket.send("42" + (100 + i) + bad[i]);
                JsonNode ack = Frames.ackAnswer(socket.next(f -> f.startsWith("43")));
                assertThat(ack.get("ok").asBoolean()).as(bad[i]).isFalse();
                assertThat(ack.get("error").get("code").asText()).isEqualTo("BAD_REQUEST");
            }
        }
        assertThat(COMMAND_API.requests()).hasSize(before);
    }

    /**
     * What goes into a header must be refused, not dropped or let through: a version that became no If-Match would
     * apply the change to whatever version is latest, one HttpClient cannot put in a header failed as INTERNAL, and a
     * clientRequestId that became no Idempotency-Key would make a retry record the command twice.
     */
    @Test
    void aVersionOrClientRequestIdThatCannotBeAHeaderIsRefusedNamingItAndNothingIsForwarded() {
        int before = COMMAND_API.requests().size();
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            String[] versions = {"[3]", "{\"v\":3}", "\"3\\n\"", "\"3\u0100\"", "-1", "3.5", "true", "\"\"", "\"+3\"",
                    "18446744073709551619"};
            Map<String, JsonNode> answers = new LinkedHashMap<>();
            for (int i = 0; i < versions.length; i++) {
                String event = i % 2 == 0 ? "expense:update" : "expense:delete";
                socket.send("42" + (200 + i) + "[\"" + event + "\",{\"id\":\"tx-9\",\"version\":" + versions[i] + ",\"description\":\"x\"}]");
                answers.put(versions[i], Frames.ackAnswer(socket.next(f -> f.startsWith("43"))).path("error"));
            }
            assertThat(answers).allSatisfy((version, error) -> {
                assertThat(error.path("code").asText()).as(version + " → " + answers).isEqualTo("BAD_REQUEST");
                assertThat(error.path("message").asText()).contains("version");
            });
            socket.send("42300[\"expense:create\",{\"clientRequestId\":[\"req-1\"],\"amount\":\"1.00\"}]");
            JsonNode error = Frames.ackAnswer(socket.next(f -> f.startsWith("43300"))).path("error");
            assertThat(error.path("code").asText()).as(error.toString()).isEqualTo("BAD_REQUEST");
            assertThat(error.path("message").asText()).contains("clientRequestId");
        }
        assertThat(COMMAND_API.requests()).hasSize(before);
    }

    @Test
    void aVersionGivenAsDigitsIsForwardedAsThatNumber() {
        COMMAND_API.answer(r -> new CommandApiStub.Response(200, "application/json", "{\"id\":\"tx-9\"}"));
        int before = COMMAND_API.requests().size();
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) {
            socket.send("421[\"expense:update\",{\"id\":\"tx-9\",\"version\":\"0012\",\"description\":\"x\"}]");
            assertThat(Frames.ackAnswer(socket.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
        }
        assertThat(COMMAND_API.requests().get(before).header("If-Match")).isEqualTo("\"12\"");
    }

    @Test
    void theSeedsOwnTestCreateThenCreatedArrivesWithTheData() {
        String user = newUser();
        // the command API accepts; the query side then appends the expense to the user's feed
        COMMAND_API.answer(r -> {
            feed().append(user, "expense:created", "{\"id\":\"tx-seed\",\"description\":\"Coffee\",\"amount\":\"3.50\"}");
            return new CommandApiStub.Response(201, "application/json", "{\"id\":\"tx-seed\"}");
        });
        try (RawSocket socket = RawSocket.connect(port, auth(user))) {
            socket.nextEvent("sync:state");
            socket.send("42[\"expense:create\",{\"description\":\"Coffee\",\"amount\":\"3.50\"}]");
            JsonNode created = Frames.payload(socket.nextEvent("expense:created"));
            assertThat(created.get("description").asText()).isEqualTo("Coffee");
            assertThat(created.get("amount").asText()).isEqualTo("3.50");
        }
    }

    /** Reads the subject of a token the test minted (no verification needed here). */
    static final class TestTokensSubject {
        static String of(String token) throws Exception {
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            return JSON.readTree(payload).get("sub").asText();
        }
    }
}
