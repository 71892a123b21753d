package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.metrics.GatewayMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Engine.IO connection and its Socket.IO socket on "/". Every outbound frame goes through the
 * {@link SessionSender}; a frame that does not fit the send queue closes the socket as a slow consumer (it reconnects
 * and replays). Inbound frames arrive one at a time per session from the container.
 */
public class ClientSocket {

    private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

    public enum State { AWAITING_CONNECT, CONNECTED, CLOSED }

    private final String engineId;
    private final WebSocketSession session;
    private final SessionSender sender;
    private final PacketCodec codec;
    private final Executor closer;
    private final GatewayMetrics metrics;
    private final long openedNanos = System.nanoTime();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final StringBuilder partial = new StringBuilder();
    private int partialBytes;
    private volatile State state = State.AWAITING_CONNECT;
    private volatile String socketId;
    private volatile SocketUser user;
    private volatile JsonNode auth;
    private volatile boolean admitted;
    private volatile long nextPingNanos;
    private volatile long pongDeadlineNanos;
    private final TokenBucket inboundEvents;
    private int rejectedInRow;

    ClientSocket(String engineId, WebSocketSession session, SessionSender sender, PacketCodec codec, Executor closer,
                 GatewayMetrics metrics, long pingIntervalNanos, TokenBucket inboundEvents) {
        this.metrics = metrics;
        this.engineId = engineId;
        this.session = session;
        this.sender = sender;
        this.codec = codec;
        this.closer = closer;
        this.nextPingNanos = openedNanos + pingIntervalNanos;
        this.inboundEvents = inboundEvents;
    }

    public String engineId() { return engineId; }
    public String socketId() { return socketId; }
    public SocketUser user() { return user; }
    /** The CONNECT auth payload ({@code token}, {@code epoch}, {@code lastSeq} …). */
    public JsonNode auth() { return auth; }
    public State state() { return state; }
    public boolean connected() { return state == State.CONNECTED; }
    public Set<String> rooms() { return rooms; }

    /** Emits {@code 42[event,payload]}. */
    public void emit(String event, JsonNode payload) {
        emitEncoded(encode(event, payload));
    }

    /** The frame {@link #emit} would send: encode once, then {@link #emitEncoded} to each socket it is for. */
    public String encode(String event, JsonNode payload) {
        return codec.event(event, payload);
    }

    public void emitEncoded(String frame) {
        metrics.eventOut();
        sendFrame(frame);
    }

    public void sendFrame(String frame) {
        if (!sender.send(frame) && !closing.get()) {
            close(CloseStatus.SERVICE_OVERLOAD.withReason("slow consumer"), "slow-consumer");
        }
    }

    /**
     * Runs {@code action} once at most {@code lowWaterChars} are queued for this socket, or once it is closing: lets a
     * producer with much to send wait for a slow client without holding a thread. See {@link SessionSender#whenDrained}.
     */
    public void whenDrained(long lowWaterChars, Runnable action) {
        sender.whenDrained(lowWaterChars, action);
    }

    /** Ends the socket for good ({@code 41}: logout, revoked token): the client does not reconnect. */
    public void kick() {
        sender.sendThen("41", () -> close(CloseStatus.NORMAL, "kicked"));
    }

    /**
     * Closes the WebSocket on the closer executor: closing writes a frame, which must not happen on a push or
     * container thread while a send may be in flight.
     */
    public void close(CloseStatus status, String why) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        log.debug("closing socket {} ({}): {}", engineId, why, status);
        if (!Set.of("normal", "kicked", "shutdown").contains(why)) {
            metrics.error(why);
        }
        sender.stop();
        closer.execute(() -> {
            try {
                session.close(status);
            } catch (IOException | RuntimeException e) {
                log.debug("close of {} failed: {}", engineId, e.toString());
            }
        });
    }

    public boolean closing() {
        return closing.get();
    }

    // --- used by the engine handler and the sweeper ---

    /** Authenticated: who it is, before the gate decides. */
    void identify(String socketId, SocketUser user, JsonNode auth) {
        this.socketId = socketId;
        this.auth = auth;
        this.user = user;
    }

    /** A fresh token of the same user replaced the one it connected with ({@code auth:refresh}). */
    void reauthenticated(SocketUser fresh) {
        this.user = fresh;
    }

    /** Admitted by the gate (so it must be released when it goes). */
    void admitted() {
        this.admitted = true;
    }

    boolean isAdmitted() {
        return admitted;
    }

    /** After {@code 40} was queued: from now on it receives events. */
    void markConnected() {
        this.state = State.CONNECTED;
    }

    /** The gate refused it: still waiting for a CONNECT (the client gives up; the connect timeout closes it). */
    void notConnected() {
        this.user = null;
    }

    void closed() {
        closing.set(true);
        state = State.CLOSED;
        sender.stop();
    }

    /** Appends a partial frame; false when the assembled message would pass {@code maxBytes}. */
    boolean appendPartial(String part, int bytes, int maxBytes) {
        partialBytes += bytes;
        if (partialBytes > maxBytes) {
            return false;
        }
        partial.append(part);
        return true;
    }

    String takeAssembled(String last) {
        if (partial.isEmpty()) {
            return last;
        }
        String whole = partial.append(last).toString();
        partial.setLength(0);
        partialBytes = 0;
        return whole;
    }

    int partialBytes() { return partialBytes; }

    /** Token bucket for inbound events; counts refusals in a row to spot persistent abuse. */
    boolean allowEvent() {
        if (inboundEvents.tryTake()) {
            rejectedInRow = 0;
            return true;
        }
        rejectedInRow++;
        return false;
    }

    int rejectedInRow() { return rejectedInRow; }

    void pong(long nowNanos, long pingIntervalNanos) {
        pongDeadlineNanos = 0;
        nextPingNanos = nowNanos + pingIntervalNanos;
    }

    /** One sweep: connect timeout, ping due, pong overdue, send stuck. */
    void sweep(long now, long connectTimeoutNanos, long pingTimeoutNanos, long sendTimeoutNanos) {
        if (closing.get()) {
            return;
        }
        if (state == State.AWAITING_CONNECT && now - openedNanos > connectTimeoutNanos) {
            close(CloseStatus.POLICY_VIOLATION.withReason("no CONNECT"), "connect-timeout");
        } else if (pongDeadlineNanos != 0 && now - pongDeadlineNanos > 0) {
            close(CloseStatus.GOING_AWAY.withReason("ping timeout"), "ping-timeout");
        } else if (sender.stuck(now, sendTimeoutNanos)) {
            close(CloseStatus.SERVICE_OVERLOAD.withReason("slow consumer"), "slow-consumer");
        } else if (pongDeadlineNanos == 0 && now - nextPingNanos >= 0) {
            pongDeadlineNanos = now + pingTimeoutNanos;
            sendFrame("2");
        }
    }
}
