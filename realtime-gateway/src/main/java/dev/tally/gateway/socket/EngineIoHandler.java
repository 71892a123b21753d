package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.GatewayProperties;
import dev.tally.gateway.metrics.GatewayMetrics;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Engine.IO 4 over WebSocket, carrying Socket.IO 5 on the main namespace. One packet per text frame; partial frames
 * are assembled up to the frame cap; binary frames, malformed packets and events before CONNECT close the socket.
 */
public class EngineIoHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EngineIoHandler.class);
    private static final String SOCKET = "tally.socket";
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final GatewayProperties properties;
    private final ObjectMapper json;
    private final PacketCodec codec;
    private final SocketRegistry registry;
    private final SocketAuthenticator authenticator;
    private final ConnectionGate gate;
    private final List<SocketLifecycle> lifecycles;
    private final Map<String, ClientEventHandler> handlers = new HashMap<>();
    private final GatewayMetrics metrics;
    private final Executor closer;
    private final String openPacket;

    public EngineIoHandler(GatewayProperties properties, ObjectMapper json, SocketRegistry registry,
                           SocketAuthenticator authenticator, ConnectionGate gate, List<SocketLifecycle> lifecycles,
                           List<ClientEventHandler> handlers, GatewayMetrics metrics, Executor closer) {
        this.properties = properties;
        this.json = json;
        this.codec = new PacketCodec(json);
        this.registry = registry;
        this.authenticator = authenticator;
        this.gate = gate;
        this.lifecycles = lifecycles;
        this.metrics = metrics;
        this.closer = closer;
        handlers.forEach(h -> h.events().forEach(e -> this.handlers.put(e, h)));
        this.openPacket = "0{\"sid\":\"%s\",\"upgrades\":[],\"pingInterval\":" + properties.getPingInterval().toMillis()
                + ",\"pingTimeout\":" + properties.getPingTimeout().toMillis()
                + ",\"maxPayload\":" + properties.getMaxFrameBytes() + "}";
    }

    public PacketCodec codec() {
        return codec;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Session nativeSession = ((NativeWebSocketSession) session).getNativeSession(Session.class);
        // bounds the one blocking write left (the close frame) for a client that stopped reading
        nativeSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, 5_000L);
        String engineId = randomId();
        ClientSocket[] self = new ClientSocket[1];
        SessionSender sender = new SessionSender(nativeSession.getAsyncRemote(), properties.getSendBufferLimit(),
                failure -> { if (self[0] != null) self[0].close(CloseStatus.SESSION_NOT_RELIABLE, "send-failed"); });
        ClientSocket socket = new ClientSocket(engineId, session, sender, codec, closer, metrics,
                properties.getPingInterval().toNanos(),
                new TokenBucket(properties.getEventsPerSecond(), properties.getEventBurst()));
        self[0] = socket;
        session.getAttributes().put(SOCKET, socket);
        registry.opened(socket);
        socket.sendFrame(openPacket.formatted(engineId));
    }

    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        ClientSocket socket = (ClientSocket) session.getAttributes().get(SOCKET);
        if (socket == null || socket.closing()) {
            return;
        }
        if (message instanceof BinaryMessage) {
            refuse(socket, CloseStatus.NOT_ACCEPTABLE.withReason("binary frames are not supported"), "binary");
        } else if (message instanceof TextMessage text) {
            int bytes = text.getPayloadLength();
            if (!message.isLast()) {
                if (!socket.appendPartial(text.getPayload(), bytes, properties.getMaxFrameBytes())) {
                    refuse(socket, CloseStatus.TOO_BIG_TO_PROCESS, "too-big");
                }
                return;
            }
            if (socket.partialBytes() + bytes > properties.getMaxFrameBytes()) {
                refuse(socket, CloseStatus.TOO_BIG_TO_PROCESS, "too-big");
                return;
            }
            try {
                engineIo(socket, socket.takeAssembled(text.getPayload()));
            } catch (MalformedPacketException e) {
                refuse(socket, CloseStatus.PROTOCOL_ERROR.withReason(e.getMessage()), "malformed");
            }
        } else if (!(message instanceof PongMessage)) {
            refuse(socket, CloseStatus.NOT_ACCEPTABLE, "malformed");
        }
    }

    private void refuse(ClientSocket socket, CloseStatus status, String kind) {
        socket.close(status, kind);
    }

    private void engineIo(ClientSocket socket, String frame) {
        if (frame.isEmpty()) {
            throw new MalformedPacketException("empty frame");
        }
        switch (frame.charAt(0)) {
            case '1' -> socket.close(CloseStatus.NORMAL, "normal");
            case '3' -> {
                if (frame.length() != 1) {
                    throw new MalformedPacketException("pong with data");
                }
                socket.pong(System.nanoTime(), properties.getPingInterval().toNanos());
            }
            case '4' -> socketIo(socket, codec.decode(frame.substring(1)));
            case '6' -> { } // noop
            default -> throw new MalformedPacketException("unexpected Engine.IO packet type");
        }
    }

    private void socketIo(ClientSocket socket, Packet packet) {
        if (!packet.mainNamespace()) {
            if (packet.type() == Packet.CONNECT) {
                socket.sendFrame(codec.connectError(packet.namespace(), "Invalid namespace"));
                metrics.error("invalid-namespace");
            }
            return; // like the reference server: packets for a namespace that is not connected are dropped
        }
        switch (packet.type()) {
            case Packet.CONNECT -> {
                if (!socket.isAdmitted()) {
                    connect(socket, packet.data());
                }
            }
            case Packet.DISCONNECT -> socket.close(CloseStatus.NORMAL, "normal");
            case Packet.EVENT -> {
                if (!socket.connected()) {
                    throw new MalformedPacketException("event before CONNECT");
                }
                event(socket, packet);
            }
            case Packet.ACK -> { } // the server asks for no acks
            default -> throw new MalformedPacketException("unexpected packet type");
        }
    }

    private void connect(ClientSocket socket, JsonNode auth) {
        Optional<SocketUser> user = authenticator.authenticate(auth);
        if (user.isEmpty()) {
            metrics.error("auth");
            socket.sendFrame(codec.connectError("/", "Authentication error"));
            return;
        }
        socket.identify(randomId(), user.get(), auth);
        Optional<String> refusal = gate.admit(socket);
        if (refusal.isPresent()) {
            metrics.error("too-many-connections");
            socket.notConnected();
            socket.sendFrame(codec.connectError("/", refusal.get()));
            return;
        }
        socket.admitted();
        socket.sendFrame(codec.connected(socket.socketId()));
        socket.markConnected(); // only now can broadcasts reach it: nothing may precede the 40
        registry.connected(socket);
        for (SocketLifecycle lifecycle : lifecycles) {
            try {
                lifecycle.connected(socket);
            } catch (RuntimeException e) {
                log.warn("connect step {} failed for socket {}", lifecycle.getClass().getSimpleName(), socket.engineId(), e);
            }
        }
    }

    private void event(ClientSocket socket, Packet packet) {
        String event = packet.eventName();
        Ack ack = packet.ackId() == null ? answer -> { } : answer -> socket.sendFrame(codec.ack(packet.ackId(), answer));
        if (!socket.allowEvent()) {
            metrics.error("rate-limited");
            ack.send(error("RATE_LIMITED", "Too many events; at most " + properties.getEventsPerSecond()
                    + " per second with a burst of " + properties.getEventBurst() + "."));
            if (socket.rejectedInRow() >= properties.getAbuseLimit()) {
                socket.close(CloseStatus.POLICY_VIOLATION.withReason("rate limit abused"), "abuse");
            }
            return;
        }
        ClientEventHandler handler = handlers.get(event);
        metrics.eventIn(handler == null ? "unknown" : event);
        if (handler == null) {
            ack.send(error("UNKNOWN_EVENT", "No such event: " + event));
            return;
        }
        try {
            handler.handle(socket, event, packet.firstArgument(), ack);
        } catch (RuntimeException e) {
            log.warn("handling {} failed on socket {}", event, socket.engineId(), e);
            metrics.error("handler");
            ack.send(error("INTERNAL", "The event could not be handled."));
        }
    }

    /** The error answer every handler uses: {@code {"ok":false,"error":{"code","message"}}}. */
    public ObjectNode error(String code, String message) {
        return errorAnswer(json, code, message);
    }

    public static ObjectNode errorAnswer(ObjectMapper json, String code, String message) {
        ObjectNode answer = json.createObjectNode().put("ok", false);
        answer.putObject("error").put("code", code).put("message", message);
        return answer;
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("transport error on {}: {}", session.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) {
        ClientSocket socket = (ClientSocket) session.getAttributes().get(SOCKET);
        if (socket == null) {
            return;
        }
        boolean wasConnected = socket.connected();
        socket.closed();
        if (wasConnected) {
            for (int i = lifecycles.size() - 1; i >= 0; i--) {
                try {
                    lifecycles.get(i).disconnected(socket);
                } catch (RuntimeException e) {
                    log.warn("disconnect step failed for socket {}", socket.engineId(), e);
                }
            }
        }
        if (socket.isAdmitted()) {
            gate.release(socket);
        }
        registry.removed(socket);
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    static String randomId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
