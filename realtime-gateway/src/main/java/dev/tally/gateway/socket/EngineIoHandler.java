package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.GatewayProperties;
import dev.tally.gateway.engineio.EngineListener;
import dev.tally.gateway.engineio.EngineSession;
import dev.tally.gateway.engineio.MalformedPacketException;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.socketio.Packet;
import dev.tally.gateway.socketio.PacketCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gateway's Socket.IO 5 on the main namespace, on top of Engine.IO sessions of either transport: CONNECT with a
 * JWT, the per-user gate, events to their handlers with rate limits, acks. Malformed packets and events before CONNECT
 * close the session; binary events are refused with an error ack (the product's events are JSON).
 */
public class EngineIoHandler implements EngineListener {

    private static final Logger log = LoggerFactory.getLogger(EngineIoHandler.class);
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

    public EngineIoHandler(GatewayProperties properties, ObjectMapper json, SocketRegistry registry,
                           SocketAuthenticator authenticator, ConnectionGate gate, List<SocketLifecycle> lifecycles,
                           List<ClientEventHandler> handlers, GatewayMetrics metrics) {
        this.properties = properties;
        this.json = json;
        this.codec = new PacketCodec(json);
        this.registry = registry;
        this.authenticator = authenticator;
        this.gate = gate;
        this.lifecycles = lifecycles;
        this.metrics = metrics;
        handlers.forEach(h -> h.events().forEach(e -> this.handlers.put(e, h)));
    }

    public PacketCodec codec() {
        return codec;
    }

    @Override
    public void opened(EngineSession session) {
        ClientSocket socket = new ClientSocket(session, codec, metrics,
                new TokenBucket(properties.getEventsPerSecond(), properties.getEventBurst()));
        session.attach(socket);
        registry.opened(socket);
    }

    @Override
    public void message(EngineSession session, String text) {
        ClientSocket socket = session.attachment();
        if (socket == null || socket.closing()) {
            return;
        }
        try {
            if (socket.awaitingAttachments()) {
                throw new MalformedPacketException("packet before the attachments announced");
            }
            socketIo(socket, codec.decode(text));
        } catch (MalformedPacketException e) {
            socket.close(CloseStatus.PROTOCOL_ERROR.withReason(e.getMessage()), "malformed");
        }
    }

    @Override
    public void binary(EngineSession session, byte[] data) {
        ClientSocket socket = session.attachment();
        if (socket != null && !socket.closing() && !socket.skipAttachment()) {
            socket.close(CloseStatus.NOT_ACCEPTABLE.withReason("binary message without a binary packet"), "binary");
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
            case Packet.BINARY_EVENT -> {
                if (!socket.connected()) {
                    throw new MalformedPacketException("event before CONNECT");
                }
                socket.skipAttachments(packet.attachments());
                metrics.error("binary");
                if (packet.ackId() != null) {
                    socket.sendFrame(codec.ack(packet.ackId(), error("BINARY_NOT_SUPPORTED",
                            "Binary arguments are not accepted; send JSON.")));
                }
            }
            case Packet.ACK -> { } // the server asks for no acks
            case Packet.BINARY_ACK -> socket.skipAttachments(packet.attachments());
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

    /**
     * A payload's count or position ({@code since}, {@code lastSeq}, {@code version}): an integer ≥ 0 in long range, as
     * a number or a string of digits; null for anything else, or when absent.
     */
    public static Long nonNegativeLong(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.asLong() >= 0) { // asLong() would wrap a bigger one
            return node.asLong();
        }
        if (node.isTextual() && node.asText().matches("\\d{1,18}")) {
            return Long.parseLong(node.asText());
        }
        return null;
    }

    @Override
    public void closed(EngineSession session, String reason) {
        ClientSocket socket = session.attachment();
        if (socket == null) {
            return;
        }
        socket.endedBy(reason);
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
        try {
            if (socket.isAdmitted()) {
                gate.release(socket);
            }
        } finally {
            registry.removed(socket); // whatever the gate says, a closed socket leaves the registry
        }
    }

    static String randomId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
