package dev.tally.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw Engine.IO long-polling client, for protocol tests: one GET at a time from a background thread, every packet
 * received queued, server pings answered with a POST unless turned off. Polling ends when the server answers a GET with
 * an error or the close packet {@code 1}.
 */
public class PollingClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String handshake;
    private final String sid;
    private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
    /** The status of the GET that ended polling (200 for a close packet). */
    private final CompletableFuture<Integer> ended = new CompletableFuture<>();
    private volatile boolean answerPings = true;
    private volatile boolean polling = true;

    private PollingClient(String base) {
        HttpResponse<String> open = get(base);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        this.handshake = open.body();
        assertThat(handshake).startsWith("0{");
        this.sid = handshake.replaceAll(".*\"sid\":\"([^\"]+)\".*", "$1");
        this.url = base + "&sid=" + sid;
        Thread poller = new Thread(this::pollLoop, "polling-client");
        poller.setDaemon(true);
        poller.start();
    }

    public static PollingClient open(int port) {
        return new PollingClient("http://localhost:" + port + "/socket.io/?EIO=4&transport=polling");
    }

    /** Opens and connects to "/" with {@code auth}; returns after {@code 40}. */
    public static PollingClient connect(int port, String auth) {
        PollingClient client = open(port);
        client.send("40" + auth);
        assertThat(client.next()).startsWith("40{\"sid\":");
        return client;
    }

    public String handshake() { return handshake; }
    public String sid() { return sid; }
    public String url() { return url; }

    public PollingClient answerPings(boolean answer) {
        this.answerPings = answer;
        return this;
    }

    /** Stops polling, as a client that went away without closing would. */
    public void stopPolling() {
        polling = false;
    }

    /** POSTs packets joined with the record separator; returns the status. */
    public int send(String... packets) {
        return post(String.join("\u001e", packets)).statusCode();
    }

    public HttpResponse<String> post(String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                    .header("Content-Type", "text/plain;charset=UTF-8").build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void pollLoop() {
        while (polling) {
            HttpResponse<String> answer;
            try {
                answer = get(url);
            } catch (RuntimeException e) {
                ended.complete(-1);
                return;
            }
            if (answer.statusCode() != 200) {
                ended.complete(answer.statusCode());
                return;
            }
            for (String packet : answer.body().split("\u001e")) {
                if (packet.equals("2") && answerPings) {
                    send("3");
                } else if (packet.equals("1")) {
                    packets.add(packet);
                    ended.complete(200);
                    return;
                } else if (!packet.equals("6")) {
                    packets.add(packet);
                }
            }
        }
    }

    /** The next packet, waiting up to 20 s. */
    public String next() {
        try {
            String packet = packets.poll(20, TimeUnit.SECONDS);
            assertThat(packet).as("a packet within 20 s").isNotNull();
            return packet;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String next(Predicate<String> wanted) {
        while (true) {
            String packet = next();
            if (wanted.test(packet)) {
                return packet;
            }
        }
    }

    public String nextEvent(String name) {
        return next(p -> p.startsWith("42[\"" + name + "\""));
    }

    /** Waits until polling ended: the status of the last GET (200 when it carried the close packet). */
    public int awaitEnd() {
        try {
            return ended.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("polling did not end", e);
        }
    }

    /** A GET on this session now, outside the loop: its status. */
    public int pollStatus() {
        return get(url).statusCode();
    }

    @Override
    public void close() {
        if (!ended.isDone()) {
            post("1");
        }
        polling = false;
    }

    @Override
    public String toString() {
        return Arrays.toString(packets.toArray());
    }
}
