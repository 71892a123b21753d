package dev.tally.gateway.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** expense rooms for members only, room:activity, presence per user. */
class RoomsAndPresenceTest extends GatewayIntegrationTest {

    private String sharedExpense(String... members) {
        String expenseId = "exp-" + UUID.randomUUID().toString().substring(0, 8);
        ROOM_MEMBERS.add("expense:" + expenseId, members);
        return expenseId;
    }

    private String group(String... members) {
        String groupId = "grp-" + UUID.randomUUID().toString().substring(0, 8);
        ROOM_MEMBERS.add("group:" + groupId, members);
        return groupId;
    }

    @Test
    void groupMembersJoinTheGroupRoomAndOthersCannot() {
        String alice = newUser();
        String bob = newUser();
        String mallory = newUser();
        String formerMember = newUser();
        String trip = group(alice, bob);
        ROOM_MEMBERS.add("group:" + trip, formerMember);
        ROOM_MEMBERS.remove("group:" + trip, formerMember); // left: the query side no longer counts them
        try (RawSocket a = RawSocket.connect(port, auth(alice)); RawSocket b = RawSocket.connect(port, auth(bob));
             RawSocket m = RawSocket.connect(port, auth(mallory)); RawSocket f = RawSocket.connect(port, auth(formerMember))) {
            a.send("421[\"room:join\",{\"room\":\"group:" + trip + "\"}]");
            JsonNode joined = Frames.ackAnswer(a.next(frame -> frame.startsWith("431")));
            assertThat(joined.get("ok").asBoolean()).isTrue();
            assertThat(joined.get("room").asText()).isEqualTo("group:" + trip);
            for (RawSocket outsider : new RawSocket[]{m, f}) {
                outsider.send("422[\"room:join\",{\"groupId\":\"" + trip + "\"}]");
                JsonNode refused = Frames.ackAnswer(outsider.next(frame -> frame.startsWith("432")));
                assertThat(refused.get("ok").asBoolean()).isFalse();
                assertThat(refused.get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");
            }
            b.send("423[\"room:join\",{\"groupId\":\"" + trip + "\"}]");
            assertThat(Frames.ackAnswer(b.next(frame -> frame.startsWith("433"))).get("ok").asBoolean()).isTrue();
            JsonNode activity = Frames.payload(a.next(frame -> Frames.isEvent(frame, "room:activity")
                    && bob.equals(Frames.payload(frame).path("user").path("id").asText())));
            assertThat(activity.get("room").asText()).isEqualTo("group:" + trip);
            assertThat(activity.get("present")).extracting(JsonNode::asText).containsExactlyInAnyOrder(alice, bob);
            // Mallory's own presence arrives after the room's activity would have; none of it reached her or the former member
            try (RawSocket m2 = RawSocket.connect(port, auth(mallory))) {
                m.next(frame -> Frames.isEvent(frame, "presence") && frame.contains("\"devices\":2"));
            }
            assertThat(m.drain()).noneMatch(frame -> Frames.isEvent(frame, "room:activity"));
            assertThat(f.drain()).noneMatch(frame -> Frames.isEvent(frame, "room:activity"));
        }
    }

    @Test
    void membersJoinAndSeeEachOthersActivity() {
        String alice = newUser();
        String bob = newUser();
        String expense = sharedExpense(alice, bob);
        try (RawSocket a = RawSocket.connect(port, auth(alice)); RawSocket b = RawSocket.connect(port, auth(bob))) {
            a.send("421[\"room:join\",{\"room\":\"expense:" + expense + "\"}]");
            JsonNode joined = Frames.ackAnswer(a.next(f -> f.startsWith("431")));
            assertThat(joined.get("ok").asBoolean()).isTrue();
            assertThat(joined.get("room").asText()).isEqualTo("expense:" + expense);
            b.send("422[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            assertThat(Frames.ackAnswer(b.next(f -> f.startsWith("432"))).get("ok").asBoolean()).isTrue();
            // Bob's own activity: Alice's may arrive late, listing Bob as present, and must not be taken for it
            JsonNode activity = Frames.payload(a.next(f -> Frames.isEvent(f, "room:activity")
                    && bob.equals(Frames.payload(f).path("user").path("id").asText())));
            assertThat(activity.get("action").asText()).isEqualTo("joined");
            assertThat(activity.get("user").get("id").asText()).isEqualTo(bob);
            assertThat(activity.get("present")).extracting(JsonNode::asText).containsExactlyInAnyOrder(alice, bob);
            b.send("423[\"room:leave\",{\"expenseId\":\"" + expense + "\"}]");
            assertThat(Frames.ackAnswer(b.next(f -> f.startsWith("433"))).get("ok").asBoolean()).isTrue();
            JsonNode left = Frames.payload(a.next(f -> Frames.isEvent(f, "room:activity") && f.contains("\"left\"")));
            assertThat(left.get("present")).extracting(JsonNode::asText).containsExactly(alice);
        }
    }

    @Test
    void aNonMemberCannotJoinAndSeesNothingOfTheRoom() {
        String alice = newUser();
        String mallory = newUser();
        String expense = sharedExpense(alice);
        try (RawSocket a = RawSocket.connect(port, auth(alice)); RawSocket m = RawSocket.connect(port, auth(mallory))) {
            m.send("421[\"room:join\",{\"room\":\"expense:" + expense + "\"}]");
            JsonNode refused = Frames.ackAnswer(m.next(f -> f.startsWith("431")));
            assertThat(refused.get("ok").asBoolean()).isFalse();
            assertThat(refused.get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");
            // an expense that does not exist gets the same answer
            m.send("422[\"room:join\",{\"room\":\"expense:nope-" + UUID.randomUUID().toString().substring(0, 6) + "\"}]");
            assertThat(Frames.ackAnswer(m.next(f -> f.startsWith("432"))).get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");
            a.send("423[\"room:join\",{\"room\":\"expense:" + expense + "\"}]");
            a.next(f -> f.startsWith("433"));
            a.next(f -> Frames.isEvent(f, "room:activity"));
            // Mallory's own presence arrives later than Alice's activity would have; none of the room reached her
            try (RawSocket m2 = RawSocket.connect(port, auth(mallory))) {
                m.next(f -> Frames.isEvent(f, "presence") && f.contains("\"devices\":2"));
            }
            assertThat(m.drain()).noneMatch(f -> Frames.isEvent(f, "room:activity"));
        }
    }

    @Test
    void aNewParticipantMayJoinAsSoonAsTheQuerySideCountsThem() {
        String alice = newUser();
        String bob = newUser();
        String expense = sharedExpense(alice);
        try (RawSocket b = RawSocket.connect(port, auth(bob))) {
            b.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            assertThat(Frames.ackAnswer(b.next(f -> f.startsWith("431"))).get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");
            ROOM_MEMBERS.add("expense:" + expense, bob); // shared with him
            b.send("422[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            assertThat(Frames.ackAnswer(b.next(f -> f.startsWith("432"))).get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void whoeverTheFeedSaysLostTheExpenseOrGroupIsPutOutOfItsRoom() {
        String alice = newUser();
        String bob = newUser();
        String expense = sharedExpense(alice, bob);
        String trip = group(alice, bob);
        try (RawSocket a = RawSocket.connect(port, auth(alice)); RawSocket b = RawSocket.connect(port, auth(bob))) {
            for (String room : List.of("expense:" + expense, "group:" + trip)) {
                a.send("421[\"room:join\",{\"room\":\"" + room + "\"}]");
                assertThat(Frames.ackAnswer(a.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
                b.send("421[\"room:join\",{\"room\":\"" + room + "\"}]");
                assertThat(Frames.ackAnswer(b.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
                a.next(f -> Frames.isEvent(f, "room:activity") && f.contains(room) && f.contains("\"present\":[") && f.contains(bob));
            }
            // Alice deleted the expense: she is told too, and stays, as she is still its member
            feed().append(alice, "expense:deleted", expense, "{\"id\":\"" + expense + "\"}");
            // the expense is no longer shared with Bob, and he left the group: the feed tells him both
            ROOM_MEMBERS.remove("expense:" + expense, bob);
            feed().append(bob, "expense:deleted", expense, "{\"id\":\"" + expense + "\"}");
            ROOM_MEMBERS.remove("group:" + trip, bob);
            feed().append(bob, "group:removed", trip, "{\"id\":\"" + trip + "\"}");

            // the two rechecks run side by side: their frames may come in either order
            Map<String, JsonNode> removed = new HashMap<>();
            Map<String, JsonNode> left = new HashMap<>();
            while (removed.size() < 2) {
                JsonNode activity = Frames.payload(b.next(f -> Frames.isEvent(f, "room:activity") && f.contains("\"removed\"")));
                removed.put(activity.get("room").asText(), activity);
            }
            while (left.size() < 2) {
                JsonNode activity = Frames.payload(a.next(f -> Frames.isEvent(f, "room:activity") && f.contains("\"left\"")));
                left.put(activity.get("room").asText(), activity);
            }
            assertThat(removed).containsOnlyKeys("expense:" + expense, "group:" + trip);
            assertThat(left).containsOnlyKeys("expense:" + expense, "group:" + trip);
            for (JsonNode activity : left.values()) {
                assertThat(activity.get("user").get("id").asText()).isEqualTo(bob);
                assertThat(activity.get("present")).extracting(JsonNode::asText).containsExactly(alice);
            }
            onlyAliceHearsTheRoomFromNowOn(a, b, expense, bob);
        }
    }

    /** As above when the entry reaches Bob not live but by filling the gap its lost live signal left. */
    @Test
    void whoeverAFilledGapSaysLostTheExpenseIsPutOutOfItsRoom() {
        String alice = newUser();
        String bob = newUser();
        String expense = sharedExpense(alice, bob);
        try (RawSocket a = RawSocket.connect(port, auth(alice)); RawSocket b = RawSocket.connect(port, auth(bob))) {
            b.nextEvent("sync:state"); // Bob's connect replay is over: what comes next is live
            a.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            assertThat(Frames.ackAnswer(a.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
            b.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            assertThat(Frames.ackAnswer(b.next(f -> f.startsWith("431"))).get("ok").asBoolean()).isTrue();
            a.next(f -> Frames.isEvent(f, "room:activity") && f.contains(bob));

            ROOM_MEMBERS.remove("expense:" + expense, bob);
            feed().appendSilently(bob, "expense:deleted", expense, "{\"id\":\"" + expense + "\",\"reason\":\"unshared\"}");
            feed().append(bob, "expense:created", "{\"id\":\"next\"}"); // its seq reveals the gap, which is filled first
            assertThat(b.nextEvent("expense:deleted")).contains(expense);

            JsonNode removed = Frames.payload(b.next(f -> Frames.isEvent(f, "room:activity")));
            assertThat(removed.get("action").asText()).isEqualTo("removed");
            assertThat(removed.get("room").asText()).isEqualTo("expense:" + expense);
            JsonNode left = Frames.payload(a.next(f -> Frames.isEvent(f, "room:activity") && f.contains("\"left\"")));
            assertThat(left.get("user").get("id").asText()).isEqualTo(bob);
            assertThat(left.get("present")).extracting(JsonNode::asText).containsExactly(alice);
            onlyAliceHearsTheRoomFromNowOn(a, b, expense, bob);
        }
    }

    /** What the expense's room says from now on (Carol joining) reaches Alice, and nothing of it Bob, who left. */
    private void onlyAliceHearsTheRoomFromNowOn(RawSocket a, RawSocket b, String expense, String bob) {
        String carol = newUser();
        ROOM_MEMBERS.add("expense:" + expense, carol);
        try (RawSocket c = RawSocket.connect(port, auth(carol))) {
            c.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
            c.next(f -> f.startsWith("431"));
            a.next(f -> Frames.isEvent(f, "room:activity") && f.contains(carol));
        }
        try (RawSocket b2 = RawSocket.connect(port, auth(bob))) { // Bob's own presence arrives after the room's would have
            b.next(f -> Frames.isEvent(f, "presence") && f.contains("\"devices\":2"));
        }
        assertThat(b.drain()).noneMatch(f -> Frames.isEvent(f, "room:activity"));
    }

    @Test
    void aJoinTheQuerySideCannotAnswerIsRefusedAndJoinsNothing() {
        String alice = newUser();
        String expense = sharedExpense(alice);
        try (RawSocket a = RawSocket.connect(port, auth(alice))) {
            QUERY_API.answer(request -> new dev.tally.gateway.support.CommandApiStub.Response(503, "application/problem+json", "{}"));
            try {
                a.send("421[\"room:join\",{\"expenseId\":\"" + expense + "\"}]");
                JsonNode refused = Frames.ackAnswer(a.next(f -> f.startsWith("431")));
                assertThat(refused.get("error").get("code").asText()).isEqualTo("QUERY_API_UNAVAILABLE");
            } finally {
                QUERY_API.answer(ROOM_MEMBERS::answer);
            }
            a.send("422[\"room:leave\",{\"expenseId\":\"" + expense + "\"}]");
            a.next(f -> f.startsWith("432"));
            assertThat(a.drain()).noneMatch(f -> Frames.isEvent(f, "room:activity")); // never in it, so no "left" either
        }
    }

    @Test
    void userRoomsAndMalformedRoomNamesCannotBeJoined() {
        String alice = newUser();
        try (RawSocket m = RawSocket.connect(port, auth(newUser()))) {
            for (String bad : new String[]{"{\"room\":\"user:" + alice + "\"}", "{}", "\"expense:x\"", "{\"expenseId\":\"a b\"}",
                    "{\"room\":\"expense:\"}", "{\"room\":\"group:\"}", "{\"groupId\":\"a/b\"}"}) {
                m.send("427[\"room:join\"," + bad + "]");
                JsonNode ack = Frames.ackAnswer(m.next(f -> f.startsWith("437")));
                assertThat(ack.get("ok").asBoolean()).as(bad).isFalse();
                assertThat(ack.get("error").get("code").asText()).isEqualTo("BAD_REQUEST");
            }
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    dev.tally.gateway.support.TestHealth health;

    @Test
    void systemStatusFollowsTheServicesHealthForEverySocket() {
        try (RawSocket a = RawSocket.connect(port, auth(newUser())); RawSocket b = RawSocket.connect(port, auth(newUser()))) {
            assertThat(Frames.payload(a.nextEvent("system:status")).get("status").asText()).isEqualTo("ok");
            b.nextEvent("system:status");
            try {
                health.set(org.springframework.boot.actuate.health.Status.DOWN);
                for (RawSocket socket : new RawSocket[]{a, b}) {
                    assertThat(Frames.payload(socket.nextEvent("system:status")).get("status").asText()).isEqualTo("degraded");
                }
                health.set(org.springframework.boot.actuate.health.Status.OUT_OF_SERVICE);
                assertThat(Frames.payload(a.nextEvent("system:status")).get("status").asText()).isEqualTo("maintenance");
            } finally {
                health.set(org.springframework.boot.actuate.health.Status.UP);
            }
            assertThat(Frames.payload(a.nextEvent("system:status")).get("status").asText()).isEqualTo("ok");
        }
    }

    @Test
    void presenceCountsTheUsersDevicesForTheUserOnly() {
        String alice = newUser();
        String bob = newUser();
        try (RawSocket a1 = RawSocket.connect(port, auth(alice)); RawSocket b = RawSocket.connect(port, auth(bob))) {
            assertThat(Frames.payload(a1.nextEvent("presence")).get("devices").asInt()).isEqualTo(1);
            try (RawSocket a2 = RawSocket.connect(port, auth(alice))) {
                assertThat(Frames.payload(a1.nextEvent("presence")).get("devices").asInt()).isEqualTo(2);
                assertThat(Frames.payload(a2.nextEvent("presence")).get("devices").asInt()).isEqualTo(2);
            }
            assertThat(Frames.payload(a1.nextEvent("presence")).get("devices").asInt()).isEqualTo(1);
            assertThat(b.drain()).filteredOn(f -> Frames.isEvent(f, "presence")).allMatch(f -> f.contains(bob));
        }
    }
}
