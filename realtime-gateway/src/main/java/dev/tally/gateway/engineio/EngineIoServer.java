package dev.tally.gateway.engineio;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Engine.IO 4 sessions over both transports: the handshake, the packets of the protocol itself (ping/pong, close,
 * noop, the upgrade) and the heartbeat, swept for all sessions by one thread. Messages go to the {@link EngineListener}.
 * Knows nothing of what the messages mean.
 */
public class EngineIoServer {

    private static final Logger log = LoggerFactory.getLogger(EngineIoServer.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EngineOptions options;
    private final EngineListener listener;
    private final Executor closer;
    private final PollWriter pollWriter;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    private final String openTemplate;
    private final long pingIntervalNanos;
    private final long pingTimeoutNanos;
    private final ScheduledThreadPoolExecutor sweeper = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "engine-sweep");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param closer closes WebSockets (closing writes a frame, which must not happen on a sending thread) and answers
     *               held polls
     */
    public EngineIoServer(EngineOptions options, EngineListener listener, Executor closer) {
        this.options = options;
        this.listener = listener;
        this.closer = closer;
        this.pollWriter = new PollWriter(closer);
        this.pingIntervalNanos = options.pingInterval().toNanos();
        this.pingTimeoutNanos = options.pingTimeout().toNanos();
        this.openTemplate = "0{\"sid\":\"%s\",\"upgrades\":%s,\"pingInterval\":" + options.pingInterval().toMillis()
                + ",\"pingTimeout\":" + options.pingTimeout().toMillis() + ",\"maxPayload\":" + options.maxPayload() + "}";
        sweeper.setRemoveOnCancelPolicy(true);
    }

    public EngineOptions options() {
        return options;
    }

    public void start() {
        long period = options.sweepInterval().toMillis();
        sweeper.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    public void stop() {
        sweeper.shutdownNow();
    }

    public Collection<EngineSession> sessions() {
        return sessions.values();
    }

    long pingIntervalNanos() { return pingIntervalNanos; }
    long pingTimeoutNanos() { return pingTimeoutNanos; }

    EngineSession find(String id) {
        return id == null ? null : sessions.get(id);
    }

    /** A WebSocket without a session id: a new session on it, opened with {@code upgrades: []}. */
    EngineSession openWebSocket(WebSocketSession ws, SessionSender sender) {
        EngineSession session = new EngineSession(options.sessionId(randomId()), this, System.nanoTime());
        session.onWebSocket(ws, sender);
        sessions.put(session.id(), session);
        sender.send(openTemplate.formatted(session.id(), "[]"));
        listener.opened(session);
        return session;
    }

    /** A polling handshake: a new session; the open packet is the answer to the GET. */
    String openPolling() {
        EngineSession session = new EngineSession(options.sessionId(randomId()), this, System.nanoTime());
        long holdMillis = options.pingInterval().plus(options.pingTimeout()).toMillis();
        session.onPolling(new PollingTransport(options.sendQueueLimit(), holdMillis, pollWriter));
        sessions.put(session.id(), session);
        listener.opened(session);
        return openTemplate.formatted(session.id(), "[\"websocket\"]");
    }

    PollWriter pollWriter() {
        return pollWriter;
    }

    /** One Engine.IO packet from the client, on the transport that carries the session. */
    void receive(EngineSession session, String packet) {
        if (packet.isEmpty()) {
            throw new MalformedPacketException("empty packet");
        }
        switch (packet.charAt(0)) {
            case '1' -> session.closeByClient();
            case '3' -> {
                if (packet.length() != 1) {
                    throw new MalformedPacketException("pong with data");
                }
                session.pong(System.nanoTime());
            }
            case '4' -> listener.message(session, packet.substring(1));
            case '6' -> { } // noop
            default -> throw new MalformedPacketException("unexpected Engine.IO packet type");
        }
    }

    void receiveBinary(EngineSession session, byte[] data) {
        listener.binary(session, data);
    }

    /** A packet on a WebSocket that probes an upgrade: {@code 2probe}, then {@code 5}; anything else ends the probe. */
    void receiveOnProbe(EngineSession session, WebSocketSession ws, String packet) {
        switch (packet) {
            case "2probe" -> session.probed();
            case "5" -> session.upgrade();
            default -> closeLater(ws, CloseStatus.PROTOCOL_ERROR.withReason("unexpected packet during upgrade"));
        }
    }

    void forget(EngineSession session) {
        sessions.remove(session.id());
    }

    void closed(EngineSession session, String reason) {
        try {
            listener.closed(session, reason == null ? "transport-close" : reason);
        } catch (RuntimeException e) {
            log.warn("close of session {} failed", session.id(), e);
        }
    }

    void closeLater(WebSocketSession ws, CloseStatus status) {
        closer.execute(() -> {
            try {
                ws.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("close of {} failed: {}", ws.getId(), e.toString());
            }
        });
    }

    /** Never throws: an exception escaping a fixed-rate task would cancel it for good. */
    void sweep() {
        long now = System.nanoTime();
        long sendTimeout = options.sendTimeout().toNanos();
        for (EngineSession session : sessions.values()) {
            try {
                session.sweep(now, sendTimeout);
            } catch (RuntimeException e) {
                log.warn("sweep of session {} failed", session.id(), e);
            }
        }
    }

    static String randomId() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
