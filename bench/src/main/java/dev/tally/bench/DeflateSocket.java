package dev.tally.bench;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import java.net.URI;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@link RawSocket}'s protocol over Tomcat's WebSocket client, which offers {@code permessage-deflate}: for measuring
 * what compression costs a gateway started with {@code tally.gateway.websocket-compression=true}.
 */
final class DeflateSocket extends BenchSocket {

    private static final WebSocketContainer CONTAINER = ContainerProvider.getWebSocketContainer();
    private static final Extension DEFLATE = new Extension() {
        public String getName() { return "permessage-deflate"; }
        public List<Parameter> getParameters() { return List.of(); }
    };
    private final String authJson;
    private final Events events;
    private volatile Session session;

    private DeflateSocket(Object tag, String authJson, Events events) {
        super(tag);
        this.authJson = authJson;
        this.events = events;
    }

    /** Connects on {@code connector} (Tomcat's client connects blocking); {@link #connected} completes on {@code 40}. */
    static DeflateSocket open(Executor connector, String gateway, String authJson, Object tag, Events events) {
        DeflateSocket socket = new DeflateSocket(tag, authJson, events);
        URI uri = URI.create(gateway.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        connector.execute(() -> {
            try {
                CONTAINER.connectToServer(socket.new Client(), ClientEndpointConfig.Builder.create()
                        .extensions(List.of(DEFLATE)).build(), uri);
            } catch (Exception e) {
                socket.connected.completeExceptionally(e);
                socket.closed.complete(-1);
            }
        });
        return socket;
    }

    private final class Client extends Endpoint {
        @Override
        public void onOpen(Session opened, EndpointConfig config) {
            session = opened;
            if (opened.getNegotiatedExtensions().stream().noneMatch(e -> e.getName().equals("permessage-deflate"))) {
                connected.completeExceptionally(new IllegalStateException("deflate not negotiated"));
            }
            opened.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> handle(message, System.nanoTime()));
        }

        @Override
        public void onClose(Session closedSession, CloseReason reason) {
            connected.completeExceptionally(new IllegalStateException("closed " + reason));
            closed.complete(reason.getCloseCode().getCode());
        }

        @Override
        public void onError(Session failed, Throwable error) {
            connected.completeExceptionally(error);
            closed.complete(-1);
        }
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
        }
    }

    private synchronized void send(String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (Exception e) {
            closed.complete(-1);
        }
    }

    @Override
    void close() {
        Session open = session;
        try {
            if (open != null) {
                open.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        closed.complete(1000);
    }
}
