package dev.tally.systemtest;

import io.socket.client.IO;
import io.socket.client.Socket;
import org.json.JSONArray;
import org.json.JSONObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device: the Java socket.io client on one gateway, as docs/protocol.md tells client developers to connect
 * (websocket only, the access token and the feed position in the auth payload), recording everything it receives.
 */
final class FeedSocket implements AutoCloseable {

    /** One event as received; feed events carry {@code _meta.seq}. */
    record Received(String event, JSONObject payload) {

        long seq() {
            JSONObject meta = payload.optJSONObject("_meta");
            return meta == null ? -1 : meta.optLong("seq", -1);
        }

        String epoch() {
            JSONObject meta = payload.optJSONObject("_meta");
            return meta == null ? null : meta.optString("epoch", null);
        }

        /** Seqs a coalesced live event stands for besides its own (docs/protocol.md, Coalescing). */
        List<Long> replaces() {
            JSONObject meta = payload.optJSONObject("_meta");
            JSONArray replaced = meta == null ? null : meta.optJSONArray("replaces");
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; replaced != null && i < replaced.length(); i++) {
                seqs.add(replaced.optLong(i));
            }
            return seqs;
        }

        String id() {
            return payload.optString("id", null);
        }

        @Override
        public String toString() {
            return event + "#" + seq() + (id() == null ? "" : "(" + id() + ")");
        }
    }

    final String name;
    private final Socket socket;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<JSONObject> syncStates = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> connectErrors = new LinkedBlockingQueue<>();
    private JSONObject firstSyncState;

    private FeedSocket(String name, Socket socket) {
        this.name = name;
        this.socket = socket;
    }

    /** Connects to {@code gateway} and waits for its {@code sync:state}, sent once the replay (if any) is done. */
    static FeedSocket connect(String name, ServiceProcess gateway, String token, String epoch, Long lastSeq) throws InterruptedException {
        return connect(name, gateway.url(), new String[]{"websocket"}, token, epoch, lastSeq);
    }

    /**
     * Connects to {@code url} with the client's transports as given ({@code null}: its defaults, long-polling then the
     * WebSocket upgrade) and waits for {@code sync:state}.
     */
    static FeedSocket connect(String name, String url, String[] transports, String token, String epoch, Long lastSeq)
            throws InterruptedException {
        Map<String, String> auth = new HashMap<>();
        auth.put("token", token);
        if (epoch != null) {
            auth.put("epoch", epoch);
            auth.put("lastSeq", Long.toString(lastSeq));
        }
        // no reconnection: where a device reconnects to (another gateway) is the test's decision
        IO.Options options = IO.Options.builder().setTransports(transports).setReconnection(false)
                .setForceNew(true).setAuth(auth).build();
        FeedSocket device = new FeedSocket(name, IO.socket(URI.create(url), options));
        device.socket.onAnyIncoming(args -> {
            String event = (String) args[0];
            if (event.equals("sync:state")) {
                device.syncStates.add((JSONObject) args[1]);
            } else if (args.length > 1 && args[1] instanceof JSONObject payload) {
                device.received.add(new Received(event, payload));
            }
        });
        device.socket.on(Socket.EVENT_CONNECT_ERROR, args -> device.connectErrors.add(args.length > 0 ? args[0] : "connect_error"));
        device.socket.connect();
        JSONObject state = device.syncStates.poll(60, TimeUnit.SECONDS);
        assertThat(state).as(name + ": sync:state after connecting to " + url + " (connect errors: " + device.connectErrors + ")")
                .isNotNull();
        device.firstSyncState = state;
        return device;
    }

    JSONObject firstSyncState() {
        return firstSyncState;
    }

    /** Everything received so far that came from the feed (carries {@code _meta}), in arrival order. */
    List<Received> feedEvents() {
        return received.stream().filter(r -> r.seq() > 0).toList();
    }

    List<Received> all() {
        return List.copyOf(received);
    }

    List<String> created() {
        return feedEvents().stream().filter(r -> r.event().equals("expense:created")).map(Received::id).toList();
    }

    /** The highest seq this device has received. */
    long lastSeq() {
        return feedEvents().stream().mapToLong(Received::seq).max().orElse(0);
    }

    boolean connected() {
        return socket.connected();
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return name + " " + received;
    }
}
