package dev.tally.gateway.engineio;

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

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The WebSocket transport: one Engine.IO packet per text frame, one binary message per binary frame. Partial frames
 * are assembled up to {@code maxPayload}, so the container's per-socket buffers stay small. A WebSocket that names a
 * polling session's id probes its upgrade; one without an id opens a session of its own.
 */
public class EngineWebSocketHandler implements WebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(EngineWebSocketHandler.class);
    static final String SESSION_ID = "engine.sid";
    private static final String SESSION = "engine.session";
    private static final String PARTIAL = "engine.partial";
    private static final String BLOCKING_SEND_TIMEOUT = "org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT";

    private final EngineIoServer server;

    public EngineWebSocketHandler(EngineIoServer server) {
        this.server = server;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession ws) {
        Session nativeSession = ((NativeWebSocketSession) ws).getNativeSession(Session.class);
        // bounds the one blocking write left (the close frame) for a client that stopped reading
        nativeSession.getUserProperties().put(BLOCKING_SEND_TIMEOUT, 5_000L);
        EngineSession[] self = new EngineSession[1];
        SessionSender sender = new SessionSender(nativeSession.getAsyncRemote(), server.options().sendQueueLimit(),
                failure -> {
                    if (self[0] != null && !self[0].isProbe(ws)) {
                        self[0].close(CloseStatus.SESSION_NOT_RELIABLE, "send-failed");
                    }
                });
        String sid = (String) ws.getAttributes().get(SESSION_ID);
        if (sid == null) {
            self[0] = server.openWebSocket(ws, sender);
        } else {
            EngineSession session = server.find(sid);
            if (session == null || !session.beginProbe(ws, sender)) {
                server.closeLater(ws, CloseStatus.POLICY_VIOLATION.withReason("session cannot be upgraded"));
                return;
            }
            self[0] = session;
        }
        ws.getAttributes().put(SESSION, self[0]);
    }

    @Override
    public void handleMessage(WebSocketSession ws, WebSocketMessage<?> message) {
        EngineSession session = (EngineSession) ws.getAttributes().get(SESSION);
        if (session == null || session.closing() || message instanceof PongMessage) {
            return;
        }
        int max = server.options().maxPayload();
        Partial partial = (Partial) ws.getAttributes().get(PARTIAL);
        int bytes = message.getPayloadLength();
        if (!message.isLast() || partial != null) {
            if (partial == null) {
                partial = new Partial(message instanceof BinaryMessage);
                ws.getAttributes().put(PARTIAL, partial);
            }
            if (!partial.append(message, max)) {
                refuse(session, ws, CloseStatus.TOO_BIG_TO_PROCESS, "too-big");
                return;
            }
            if (!message.isLast()) {
                return;
            }
            ws.getAttributes().remove(PARTIAL);
        } else if (bytes > max) {
            refuse(session, ws, CloseStatus.TOO_BIG_TO_PROCESS, "too-big");
            return;
        }
        try {
            if (message instanceof TextMessage text) {
                String packet = partial != null ? partial.text() : text.getPayload();
                if (session.isProbe(ws)) {
                    server.receiveOnProbe(session, ws, packet);
                } else {
                    server.receive(session, packet);
                }
            } else if (message instanceof BinaryMessage binary && !session.isProbe(ws)) {
                server.receiveBinary(session, partial != null ? partial.data() : bytes(binary.getPayload()));
            } else {
                refuse(session, ws, CloseStatus.NOT_ACCEPTABLE, "malformed");
            }
        } catch (MalformedPacketException e) {
            refuse(session, ws, CloseStatus.PROTOCOL_ERROR.withReason(e.getMessage()), "malformed");
        }
    }

    private void refuse(EngineSession session, WebSocketSession ws, CloseStatus status, String reason) {
        if (session.isProbe(ws)) {
            server.closeLater(ws, status);
        } else {
            session.close(status, reason);
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @Override
    public void handleTransportError(WebSocketSession ws, Throwable exception) {
        log.debug("transport error on {}: {}", ws.getId(), exception.toString());
    }

    @Override
    public void afterConnectionClosed(WebSocketSession ws, CloseStatus closeStatus) {
        EngineSession session = (EngineSession) ws.getAttributes().get(SESSION);
        if (session != null) {
            session.webSocketClosed(ws);
        }
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    /** A message arriving in parts; allocated only when one does. */
    private static final class Partial {
        private final boolean binary;
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private int size;

        Partial(boolean binary) {
            this.binary = binary;
        }

        boolean append(WebSocketMessage<?> part, int max) {
            size += part.getPayloadLength();
            if (size > max || (part instanceof BinaryMessage) != binary) {
                return false;
            }
            if (part instanceof TextMessage t) {
                text.append(t.getPayload());
            } else {
                data.writeBytes(bytes(((BinaryMessage) part).getPayload()));
            }
            return true;
        }

        String text() { return text.toString(); }
        byte[] data() { return data.toByteArray(); }
    }
}
