package dev.tally.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal Socket.IO v4 client over Engine.IO long-polling ({@link HttpClient}, asynchronous, no thread of its own):
 * the handshake {@code GET}, the CONNECT {@code POST}, then one waiting {@code GET} at a time; pings are answered with a
 * {@code POST 3}, event packets handed to the callback as {@link RawSocket} does. Never upgrades, as behind a proxy
 * that blocks WebSocket.
 */
final class PollingSocket extends BenchSocket {

    private final HttpClient client;
    private final String authJson;
    private final Events events;
    private volatile String url;
    private volatile boolean stopped;

    private PollingSocket(HttpClient client, Object tag, String authJson, Events events) {
        super(tag);
        this.client = client;
        this.authJson = authJson;
        this.events = events;
    }

    static PollingSocket open(HttpClient client, String gateway, String authJson, Object tag, Events events) {
        PollingSocket socket = new PollingSocket(client, tag, authJson, events);
        String base = gateway + "/socket.io/?EIO=4&transport=polling";
        client.sendAsync(HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((open, error) -> {
            if (error != null || open.statusCode() != 200) {
                socket.fail(error != null ? error : new IllegalStateException("handshake " + open.statusCode()));
                return;
            }
            String body = open.body();
            int start = body.indexOf("\"sid\":\"") + 7;
            socket.url = base + "&sid=" + body.substring(start, body.indexOf('"', start));
            socket.post("40" + authJson);
            socket.poll();
        });
        return socket;
    }

    private void poll() {
        if (stopped) {
            return;
        }
        client.sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString()).whenComplete((answer, error) -> {
            long at = System.nanoTime();
            if (error != null || answer.statusCode() != 200) {
                fail(error != null ? error : new IllegalStateException("poll " + answer.statusCode()));
                return;
            }
            for (String packet : answer.body().split("\u001e")) {
                handle(packet, at);
            }
            poll();
        });
    }

    private void handle(String packet, long at) {
        if (packet.startsWith("42")) {
            events.on(this, packet.substring(2), at);
        } else if (packet.equals("2")) {
            post("3");
        } else if (packet.startsWith("40")) {
            connected.complete(this);
        } else if (packet.startsWith("44")) {
            fail(new IllegalStateException("connect refused: " + packet));
        } else if (packet.startsWith("41") || packet.equals("1")) {
            stopped = true;
            closed.complete(packet.equals("1") ? 1000 : 4100);
        }
    }

    private void post(String packet) {
        client.sendAsync(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(packet))
                .header("Content-Type", "text/plain;charset=UTF-8").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.discarding()).whenComplete((answer, error) -> {
            if (error != null || answer.statusCode() != 200) {
                fail(error != null ? error : new IllegalStateException("post " + answer.statusCode()));
            }
        });
    }

    private void fail(Throwable error) {
        stopped = true;
        connected.completeExceptionally(error);
        closed.complete(-1);
    }

    @Override
    void close() {
        if (!stopped && url != null) {
            post("1");
        }
        stopped = true;
        closed.complete(1000);
    }
}
