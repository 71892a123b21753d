package dev.tally.gateway.feed;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.api.feed.FeedEntry;
import dev.tally.gateway.support.Frames;
import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import dev.tally.gateway.support.TestFeed;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Live push of feed entries and replay on reconnect, against the real feed tables. */
class LiveAndReplayTest extends GatewayIntegrationTest {

    @Test
    void liveEntriesArriveInSeqOrderWithMetaOnEveryDeviceOfTheUser() {
        String user = newUser();
        TestFeed feed = feed();
        try (RawSocket phone = RawSocket.connect(port, auth(user)); RawSocket laptop = RawSocket.connect(port, auth(user))) {
            phone.nextEvent("sync:state");
            laptop.nextEvent("sync:state");
            for (int i = 1; i <= 5; i++) {
                feed.append(user, "expense:created", "{\"id\":\"x" + i + "\",\"amount\":{\"amount\":\"12.34\",\"currency\":\"EUR\"}}");
            }
            for (RawSocket device : List.of(phone, laptop)) {
                List<Long> seqs = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    String frame = device.nextEvent("expense:created");
                    JsonNode payload = Frames.payload(frame);
                    assertThat(payload.get("id").asText()).isEqualTo("x" + i);
                    assertThat(payload.get("amount").get("amount").asText()).isEqualTo("12.34");
                    assertThat(payload.get("_meta").get("epoch").asText()).isEqualTo(TestFeed.EPOCH);
                    seqs.add(Frames.seq(frame));
                }
                assertThat(seqs).containsExactly(1L, 2L, 3L, 4L, 5L);
            }
        }
    }

    @Test
    void anotherUserReceivesNothingOfIt() {
        String alice = newUser();
        String bob = newUser();
        try (RawSocket a = RawSocket.connect(port, auth(alice)); RawSocket b = RawSocket.connect(port, auth(bob))) {
            a.nextEvent("sync:state");
            b.nextEvent("sync:state");
            feed().append(alice, "balance:updated", "{\"accountId\":\"acc-1\",\"balance\":{\"amount\":\"5.00\",\"currency\":\"EUR\"}}");
            a.nextEvent("balance:updated");
            // Bob's own next entry arrives, and nothing of Alice's came before it
            feed().append(bob, "balance:updated", "{\"accountId\":\"acc-b\"}");
            String bobs = b.nextEvent("balance:updated");
            assertThat(Frames.payload(bobs).get("accountId").asText()).isEqualTo("acc-b");
            assertThat(b.drain()).noneMatch(Frames::isFeedEvent);
        }
    }

    @Test
    void reconnectWithLastSeqReplaysExactlyTheMissedEntriesInOrderThenLive() {
        String user = newUser();
        TestFeed feed = feed();
        long lastSeq;
        try (RawSocket socket = RawSocket.connect(port, auth(user))) {
            socket.nextEvent("sync:state");
            feed.append(user, "expense:created", "{\"id\":\"before\"}");
            lastSeq = Frames.seq(socket.nextEvent("expense:created"));
        }
        List<Long> missed = new ArrayList<>();
        for (int i = 0; i < 17; i++) { // more than two replay pages of 7
            missed.add(feed.appendSilently(user, "expense:updated", "{\"id\":\"m" + i + "\"}").seq());
        }
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, lastSeq))) {
            List<Long> replayed = new ArrayList<>();
            String frame;
            while (!Frames.isEvent(frame = socket.next(f -> f.startsWith("42")), "sync:state")) {
                if (Frames.isFeedEvent(frame)) {
                    replayed.add(Frames.seq(frame));
                }
            }
            assertThat(replayed).containsExactlyElementsOf(missed);
            JsonNode state = Frames.payload(frame);
            assertThat(state.get("recovered").asBoolean()).isTrue();
            assertThat(state.get("fromSeq").asLong()).isEqualTo(lastSeq + 1);
            assertThat(state.get("toSeq").asLong()).isEqualTo(missed.get(missed.size() - 1));
            assertThat(state.get("epoch").asText()).isEqualTo(TestFeed.EPOCH);
            FeedEntry next = feed.append(user, "expense:deleted", "{\"id\":\"after\"}");
            assertThat(Frames.seq(socket.nextEvent("expense:deleted"))).isEqualTo(next.seq());
        }
    }

    @Test
    void liveEntriesCommittedDuringReplayAreSentOnceAfterTheReplayedOnes() {
        String user = newUser();
        TestFeed feed = feed();
        for (int i = 0; i < 30; i++) {
            feed.appendSilently(user, "expense:created", "{\"id\":\"r" + i + "\"}");
        }
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 0))) {
            // signalled while the replay may still be running; also repeat an old signal
            FeedEntry live = feed.append(user, "expense:created", "{\"id\":\"live\"}");
            feed.signal(List.of(live));
            List<Long> seqs = new ArrayList<>();
            String frame;
            while (!Frames.isEvent(frame = socket.next(f -> f.startsWith("42")), "sync:state")) {
                if (Frames.isFeedEvent(frame)) {
                    seqs.add(Frames.seq(frame));
                }
            }
            // the live one comes either within the replay or right after sync:state, exactly once overall
            FeedEntry marker = feed.append(user, "expense:created", "{\"id\":\"marker\"}");
            String after;
            while (!(after = socket.nextEvent("expense:created")).contains("marker")) {
                seqs.add(Frames.seq(after));
            }
            seqs.add(Frames.seq(after));
            List<Long> expected = new ArrayList<>();
            for (long s = 1; s <= marker.seq(); s++) {
                expected.add(s);
            }
            assertThat(seqs).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void replayServesOnlyTheUsersOwnFeed() {
        String alice = newUser();
        String bob = newUser();
        TestFeed feed = feed();
        for (int i = 0; i < 3; i++) {
            feed.appendSilently(alice, "expense:created", "{\"owner\":\"alice\"}");
            feed.appendSilently(bob, "expense:created", "{\"owner\":\"bob\"}");
        }
        try (RawSocket socket = RawSocket.connect(port, auth(bob, TestFeed.EPOCH, 0))) {
            List<String> frames = new ArrayList<>();
            String frame;
            while (!Frames.isEvent(frame = socket.next(f -> f.startsWith("42")), "sync:state")) {
                frames.add(frame);
            }
            List<String> replayed = frames.stream().filter(Frames::isFeedEvent).toList();
            assertThat(replayed).hasSize(3).allMatch(f -> f.contains("\"owner\":\"bob\""));
            socket.send("421[\"sync:request\",{\"since\":0}]");
            while (!(frame = socket.next(f -> f.startsWith("42") || f.startsWith("431"))).startsWith("431")) {
                assertThat(frame).doesNotContain("alice");
            }
        }
    }

    @Test
    void epochChangeGivesRecoveredFalseWithTheNewPosition() {
        String user = newUser();
        TestFeed feed = feed();
        feed.appendSilently(user, "expense:created", "{}");
        feed.appendSilently(user, "expense:created", "{}");
        feed.rebuild(user, "e2");
        feed.appendSilently(user, "expense:created", "{}");
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 1))) {
            JsonNode state = Frames.payload(socket.nextEvent("sync:state"));
            assertThat(state.get("recovered").asBoolean()).isFalse();
            assertThat(state.get("epoch").asText()).isEqualTo("e2");
            assertThat(state.get("latestSeq").asLong()).isEqualTo(1);
            assertThat(socket.drain()).noneMatch(Frames::isFeedEvent);
        }
    }

    @Test
    void positionOlderThanTheRetainedFeedGivesRecoveredFalse() {
        String user = newUser();
        TestFeed feed = feed();
        for (int i = 0; i < 6; i++) {
            feed.appendSilently(user, "expense:created", "{}");
        }
        feed.purge(user, 3);
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 1))) {
            JsonNode state = Frames.payload(socket.nextEvent("sync:state"));
            assertThat(state.get("recovered").asBoolean()).isFalse();
            assertThat(state.get("latestSeq").asLong()).isEqualTo(6);
            assertThat(socket.drain()).noneMatch(Frames::isFeedEvent);
        }
        // from just before the oldest retained entry it is still complete
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 3))) {
            List<String> frames = new ArrayList<>();
            String frame;
            while (!Frames.isEvent(frame = socket.next(f -> f.startsWith("42")), "sync:state")) {
                frames.add(frame);
            }
            assertThat(Frames.payload(frame).get("recovered").asBoolean()).isTrue();
            assertThat(frames.stream().filter(Frames::isFeedEvent).map(Frames::seq)).containsExactly(4L, 5L, 6L);
        }
    }

    @Test
    void moreMissingThanOneReplayServesGivesRecoveredFalse() {
        String user = newUser();
        TestFeed feed = feed();
        for (int i = 0; i < 52; i++) { // the test limit is 50
            feed.appendSilently(user, "expense:created", "{}");
        }
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 1))) {
            JsonNode state = Frames.payload(socket.nextEvent("sync:state"));
            assertThat(state.get("recovered").asBoolean()).isFalse();
            assertThat(state.get("latestSeq").asLong()).isEqualTo(52);
            assertThat(socket.drain()).noneMatch(Frames::isFeedEvent);
            // live continues after the reported position
            feed.append(user, "expense:created", "{}");
            assertThat(Frames.seq(socket.nextEvent("expense:created"))).isEqualTo(53);
        }
    }

    @Test
    void connectWithoutPositionSaysWhereTheFeedIs() {
        String user = newUser();
        feed().appendSilently(user, "expense:created", "{}");
        try (RawSocket socket = RawSocket.connect(port, auth(user))) {
            JsonNode state = Frames.payload(socket.nextEvent("sync:state"));
            assertThat(state.get("recovered").asBoolean()).isFalse();
            assertThat(state.get("latestSeq").asLong()).isEqualTo(1);
            assertThat(socket.drain()).noneMatch(Frames::isFeedEvent);
        }
    }

    @Test
    void syncRequestReplaysFromSinceWithAnAck() {
        String user = newUser();
        TestFeed feed = feed();
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 0))) {
            socket.nextEvent("sync:state");
            for (int i = 0; i < 4; i++) {
                feed.append(user, "budget:updated", "{\"budgetId\":\"b" + i + "\"}");
            }
            for (int i = 0; i < 4; i++) {
                socket.nextEvent("budget:updated");
            }
            socket.send("429[\"sync:request\",{\"since\":2}]");
            List<Long> seqs = new ArrayList<>();
            String frame;
            while (!(frame = socket.next(f -> f.startsWith("42") || f.startsWith("43"))).startsWith("439")) {
                if (Frames.isFeedEvent(frame)) {
                    seqs.add(Frames.seq(frame));
                }
            }
            assertThat(seqs).containsExactly(3L, 4L);
            JsonNode ack = Frames.ackAnswer(frame);
            assertThat(ack.get("ok").asBoolean()).isTrue();
            assertThat(ack.get("recovered").asBoolean()).isTrue();
            assertThat(ack.get("toSeq").asLong()).isEqualTo(4);
        }
    }

    @Test
    void aSyncRequestSentBeforeTheConnectReplayEndsWaitsForIt() {
        String user = newUser();
        TestFeed feed = feed();
        for (int i = 0; i < 20; i++) {
            feed.appendSilently(user, "expense:created", "{}");
        }
        try (RawSocket socket = RawSocket.open(port)) {
            socket.next();
            socket.send("40" + auth(user, TestFeed.EPOCH, 10));
            socket.send("423[\"sync:request\",{\"since\":15}]"); // right behind CONNECT
            List<String> frames = new ArrayList<>();
            String frame;
            while (!(frame = socket.next()).startsWith("433")) {
                frames.add(frame);
            }
            JsonNode ack = Frames.ackAnswer(frame);
            assertThat(ack.get("ok").asBoolean()).isTrue();
            assertThat(ack.get("fromSeq").asLong()).isEqualTo(16);
            List<Long> seqs = frames.stream().filter(Frames::isFeedEvent).map(Frames::seq).toList();
            // the connect replay 11..20, then the requested one 16..20
            assertThat(seqs).containsExactly(11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L, 20L, 16L, 17L, 18L, 19L, 20L);
            assertThat(frames.stream().filter(f -> Frames.isEvent(f, "sync:state"))).hasSize(2);
        }
    }

    @Test
    void syncRequestWithoutSinceIsRefusedAndReplaysNothing() {
        try (RawSocket socket = RawSocket.connect(port, auth(newUser(), TestFeed.EPOCH, 0))) {
            socket.nextEvent("sync:state");
            for (String bad : new String[]{"{}", "{\"since\":-1}", "{\"since\":\"abc\"}", "\"x\""}) {
                socket.send("421[\"sync:request\"," + bad + "]");
                JsonNode ack = Frames.ackAnswer(socket.next(f -> f.startsWith("431")));
                assertThat(ack.get("ok").asBoolean()).as(bad).isFalse();
                assertThat(ack.get("error").get("code").asText()).isEqualTo("BAD_REQUEST");
            }
            assertThat(socket.drain()).noneMatch(f -> Frames.isEvent(f, "sync:state"));
        }
    }

    @Test
    void aLostLiveSignalIsFilledFromTheFeed() {
        String user = newUser();
        TestFeed feed = feed();
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 0))) {
            socket.nextEvent("sync:state");
            feed.appendSilently(user, "expense:created", "{\"id\":\"lost\"}");
            feed.append(user, "expense:created", "{\"id\":\"signalled\"}");
            assertThat(Frames.seq(socket.nextEvent("expense:created"))).isEqualTo(1);
            assertThat(Frames.seq(socket.nextEvent("expense:created"))).isEqualTo(2);
            // the last signal lost with nothing after it: the periodic catch-up delivers it
            feed.appendSilently(user, "expense:created", "{\"id\":\"lost-last\"}");
            assertThat(Frames.seq(socket.nextEvent("expense:created"))).isEqualTo(3);
        }
    }

    /**
     * Consecutive updates of one month's dashboard merge, newest wins, naming the seqs just before it; an update of
     * another thing, or any other event, ends the run and goes out at once, after it. A client applying strictly by
     * seq (each frame's seq or the seqs it replaces continue exactly where it was) never sees a gap.
     */
    @Test
    void rapidUpdatesOfOneThingAreCoalescedNewestWinsAndEveryFrameContinuesTheSeqs() {
        String user = newUser();
        TestFeed feed = feed();
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 0))) {
            socket.nextEvent("sync:state");
            List<FeedEntry> burst = new ArrayList<>();
            burst.add(feed.appendSilently(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\",\"total\":\"1.00\"}"));
            burst.add(feed.appendSilently(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\",\"total\":\"2.00\"}"));
            burst.add(feed.appendSilently(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\",\"total\":\"3.00\"}"));
            burst.add(feed.appendSilently(user, "expense:created", "{\"id\":\"e\"}"));
            burst.add(feed.appendSilently(user, "dashboard:updated", "2026-10", "{\"month\":\"2026-10\",\"total\":\"9.00\"}"));
            burst.add(feed.appendSilently(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\",\"total\":\"4.00\"}"));
            feed.signal(burst); // one commit
            List<String> frames = new ArrayList<>();
            while (frames.size() < 4) {
                String frame = socket.next(f -> f.startsWith("42"));
                if (Frames.isFeedEvent(frame)) {
                    frames.add(frame);
                }
            }
            assertThat(frames.stream().map(Frames::seq)).containsExactly(3L, 4L, 5L, 6L);
            JsonNode merged = Frames.payload(frames.get(0));
            assertThat(merged.get("total").asText()).isEqualTo("3.00");
            assertThat(merged.get("_meta").get("replaces").toString()).as(frames.get(0)).isEqualTo("[1,2]");
            long applied = 0;
            for (String frame : frames) {
                List<Long> covers = new ArrayList<>();
                Frames.payload(frame).path("_meta").path("replaces").forEach(seq -> covers.add(seq.asLong()));
                covers.add(Frames.seq(frame));
                assertThat(covers).as("%s continues after %d", frame, applied)
                        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(applied + 1, Frames.seq(frame)).boxed().toList());
                applied = Frames.seq(frame);
            }
            // the merged entries are not fetched again as a gap
            feed.append(user, "expense:created", "{\"id\":\"next\"}");
            assertThat(Frames.seq(socket.nextEvent("expense:created"))).isEqualTo(7);
        }
    }

    /**
     * Found by the split-deployment test: the periodic catch-up read the feed a moment earlier and delivers entries the
     * socket already has while a coalescing window is open. The window must still be merged in seq order, so the
     * newest dashboard wins and names what it replaced; the stale copy must not win and take the replaced seqs with it.
     */
    @Test
    void aStaleCatchUpArrivingInsideACoalescingWindowLosesNothing() {
        String user = newUser();
        TestFeed feed = feed();
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 0))) {
            socket.nextEvent("sync:state");
            FeedEntry first = feed.append(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\",\"total\":\"1.00\"}");
            assertThat(Frames.seq(socket.nextEvent("dashboard:updated"))).isEqualTo(1);
            List<FeedEntry> commit = new ArrayList<>();
            commit.add(feed.appendSilently(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\",\"total\":\"2.00\"}"));
            commit.add(feed.appendSilently(user, "balance:updated", "{\"accountId\":\"a1\"}"));
            feed.signal(commit);          // opens a coalescing window
            feed.signal(List.of(first));  // the catch-up's stale copy of seq 1, inside that window
            List<String> frames = new ArrayList<>();
            String frame;
            do {
                frame = socket.next(f -> f.startsWith("42"));
                if (Frames.isFeedEvent(frame)) {
                    frames.add(frame);
                }
            } while (!Frames.isEvent(frame, "balance:updated"));
            List<Long> covered = new ArrayList<>();
            for (String each : frames) {
                covered.add(Frames.seq(each));
                Frames.payload(each).path("_meta").path("replaces").forEach(seq -> covered.add(seq.asLong()));
            }
            assertThat(covered).as(frames.toString()).contains(2L, 3L);
        }
    }

    /** Entries written before feed entries carried their state key say nothing of what they are about: never merged. */
    @Test
    void updatesWithoutAStateKeyAreNeverCoalesced() {
        String user = newUser();
        TestFeed feed = feed();
        try (RawSocket socket = RawSocket.connect(port, auth(user, TestFeed.EPOCH, 0))) {
            socket.nextEvent("sync:state");
            feed.signal(List.of(feed.appendSilently(user, "dashboard:updated", "{\"month\":\"2026-11\",\"total\":\"1.00\"}"),
                    feed.appendSilently(user, "dashboard:updated", "{\"month\":\"2026-11\",\"total\":\"2.00\"}")));
            for (long seq = 1; seq <= 2; seq++) {
                String frame = socket.nextEvent("dashboard:updated");
                assertThat(Frames.seq(frame)).isEqualTo(seq);
                assertThat(Frames.payload(frame).get("_meta").has("replaces")).isFalse();
            }
        }
    }

    /** The catch-up and replay read entries back from the table with the key the query side wrote. */
    @Test
    void theFeedReaderReadsEachEntrysStateKey() {
        String user = newUser();
        TestFeed feed = feed();
        feed.appendSilently(user, "dashboard:updated", "2026-11", "{\"month\":\"2026-11\"}");
        feed.appendSilently(user, "expense:created", "{\"id\":\"e\"}");
        assertThat(new FeedReader(jdbc).page(user, 0, 2, 10)).extracting(FeedEntry::stateKey).containsExactly("2026-11", null);
    }
}
