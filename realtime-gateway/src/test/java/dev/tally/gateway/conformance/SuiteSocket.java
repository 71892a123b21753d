package dev.tally.gateway.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket as the suites use one: every message queued as it came (text, or binary as byte[]), nothing answered
 * automatically. {@link #open} fails when the server refuses the upgrade.
 */
final class SuiteSocket implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder text = new StringBuilder();
    private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
    private final WebSocket ws;

    private SuiteSocket(String url) {
        ws = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(url), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    messages.add(text.toString());
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                binary.writeBytes(bytes);
                if (last) {
                    messages.add(binary.toByteArray());
                    binary.reset();
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).join();
    }

    static SuiteSocket open(String url) {
        return new SuiteSocket(url);
    }

    void send(String message) {
        ws.sendText(message, true).join();
    }

    void send(byte[] message) {
        ws.sendBinary(ByteBuffer.wrap(message), true).join();
    }

    /** The next message within 5 s (the suites' longest timeout), or an assertion error. */
    Object next() {
        try {
            Object message = messages.poll(5, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no message within 5 s");
            }
            return message;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next message that is not a ping. */
    Object nextPacket() {
        while (true) {
            Object message = next();
            if (!"2".equals(message)) {
                return message;
            }
        }
    }

    /** Waits for the server to close the connection. */
    int awaitClose() {
        try {
            return closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("not closed within 5 s", e);
        }
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        ws.abort();
    }
}
