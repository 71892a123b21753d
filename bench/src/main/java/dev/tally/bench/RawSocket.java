package dev.tally.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A minimal Socket.IO v4 client (Engine.IO 4 over {@link java.net.http.WebSocket}, no thread of its own): sends the
 * CONNECT with the auth payload after the handshake, answers the server's pings, and hands every event frame
 * ({@code 42[...]}) to a callback as raw text. The capacity scenarios hold thousands of these in one JVM, sharing one
 * {@link HttpClient} (one selector thread plus its executor), where the {@code io.socket} client costs threads per socket.
 */
final class RawSocket extends BenchSocket implements WebSocket.Listener {

    private final String authJson;
    private final Events events;
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket webSocket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private RawSocket(Object tag, String authJson, Events events) {
        super(tag);
        this.authJson = authJson;
        this.events = events;
    }

    /** Opens {@code <gateway>/socket.io/?EIO=4&transport=websocket}; {@link #connected} completes on {@code 40}. */
    static RawSocket open(HttpClient client, String gateway, String authJson, Object tag, Events events) {
        RawSocket socket = new RawSocket(tag, authJson, events);
        URI uri = URI.create(gateway.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30)).buildAsync(uri, socket).whenComplete((ws, error) -> {
            if (error != null) {
                socket.connected.completeExceptionally(error);
                socket.closed.complete(-1);
            }
        });
        return socket;
    }

    /** Event name of a frame from {@link Events#on}. */
    static String eventName(String frame) {
        int end = frame.indexOf('"', 2);
        return end < 0 ? "" : frame.substring(2, end);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        long at = System.nanoTime();
        if (!last) {
            partial.append(data);
        } else {
            String message;
            if (partial.isEmpty()) {
                message = data.toString();
            } else {
                message = partial.append(data).toString();
                partial.setLength(0);
            }
            handle(message, at);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String message, long at) {
        if (message.startsWith("42")) {
            events.on(this, message.substring(2), at);
        } else if (message.equals("2")) {
            send("3");
        } else if (message.startsWith("0{")) {
            send("40" + authJson);
        } else if (message.startsWith("40")) {
            connected.complete(this);
        } else if (message.startsWith("44")) {
            connected.completeExceptionally(new IllegalStateException("connect refused: " + message));
        } else if (message.startsWith("41")) {
            closed.complete(4100);
        }
    }

    /** WebSocket sends must not overlap: each starts when the previous one completed. */
    synchronized void send(String text) {
        WebSocket ws = webSocket;
        sending = sending.exceptionally(e -> null).thenCompose(x -> ws.sendText(text, true));
    }

    @Override
    void close() {
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
        closed.complete(1000);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        connected.completeExceptionally(new IllegalStateException("closed " + statusCode + " " + reason));
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        connected.completeExceptionally(error);
        closed.complete(-1);
    }
}
