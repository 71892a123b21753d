package dev.tally.gateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A raw WebSocket client speaking Engine.IO by hand, for protocol tests. Every text frame received is queued;
 * server pings are answered automatically unless turned off.
 */
public class RawSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean answerPings = true;
    private final java.util.concurrent.atomic.AtomicInteger pingsAnswered = new java.util.concurrent.atomic.AtomicInteger();
    private final WebSocket ws;

    private RawSocket(URI uri) {
        this.ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    if (frame.equals("2") && answerPings) {
                        webSocket.sendText("3", true);
                        pingsAnswered.incrementAndGet();
                    } else {
                        frames.add(frame);
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeCode.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.complete(-1);
            }
        }).join();
    }

    public static RawSocket open(int port) {
        return new RawSocket(URI.create("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket"));
    }

    /** A WebSocket naming polling session {@code sid}: the probe of its upgrade. */
    public static RawSocket upgrade(int port, String sid) {
        return new RawSocket(URI.create("ws://localhost:" + port + "/socket.io/?EIO=4&transport=websocket&sid=" + sid));
    }

    /** Opens, checks the handshake and connects to "/" with {@code auth}; returns after {@code 40}. */
    public static RawSocket connect(int port, String auth) {
        RawSocket socket = open(port);
        assertThat(socket.next()).startsWith("0{");
        socket.send("40" + auth);
        assertThat(socket.next()).startsWith("40{\"sid\":");
        return socket;
    }

    public RawSocket answerPings(boolean answer) {
        this.answerPings = answer;
        return this;
    }

    /** Sends a frame; once the server has closed the socket, sending is a no-op (the test asserts the close). */
    public void send(String frame) {
        try {
            ws.sendText(frame, true).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (!isClosed() && !ws.isOutputClosed()) {
                throw e;
            }
        }
    }

    public int pingsAnswered() {
        return pingsAnswered.get();
    }

    public void sendBinary(byte[] bytes) {
        ws.sendBinary(ByteBuffer.wrap(bytes), true).join();
    }

    /** The next frame, waiting up to 20 s. */
    public String next() {
        try {
            String frame = frames.poll(20, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 20 s").isNotNull();
            return frame;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next frame matching, skipping others. */
    public String next(Predicate<String> wanted) {
        while (true) {
            String frame = next();
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    /** The next event frame {@code 42["name",...} of that name. */
    public String nextEvent(String name) {
        return next(f -> f.startsWith("42[\"" + name + "\""));
    }

    /** Frames received so far without waiting. */
    public List<String> drain() {
        List<String> all = new ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    public int awaitClose() {
        try {
            return closeCode.get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the socket", e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }
}
