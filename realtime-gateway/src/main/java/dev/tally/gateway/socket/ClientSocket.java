package dev.tally.gateway.socket;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tally.gateway.engineio.EngineSession;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.socketio.PacketCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Engine.IO session (WebSocket or long-polling, the same here) and its Socket.IO socket on "/". Every outbound
 * packet goes through the session's non-blocking queue; one that does not fit closes the socket as a slow consumer (it
 * reconnects and replays). Inbound packets arrive one at a time per session.
 */
public class ClientSocket {

    private static final Logger log = LoggerFactory.getLogger(ClientSocket.class);

    public enum State { AWAITING_CONNECT, CONNECTED, CLOSED }

    private final EngineSession session;
    private final PacketCodec codec;
    private final GatewayMetrics metrics;
    private final long openedNanos = System.nanoTime();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile State state = State.AWAITING_CONNECT;
    private volatile String socketId;
    private volatile SocketUser user;
    private volatile JsonNode auth;
    private volatile boolean admitted;
    private final TokenBucket inboundEvents;
    private int rejectedInRow;
    private int attachmentsToSkip;

    ClientSocket(EngineSession session, PacketCodec codec, GatewayMetrics metrics, TokenBucket inboundEvents) {
        this.metrics = metrics;
        this.session = session;
        this.codec = codec;
        this.inboundEvents = inboundEvents;
    }

    public String engineId() { return session.id(); }
    /** {@code "websocket"} or {@code "polling"}. */
    public String transport() { return session.transportName(); }
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
        if (!session.send(frame) && !closing.get() && !session.closing()) {
            close(CloseStatus.SERVICE_OVERLOAD.withReason("slow consumer"), "slow-consumer");
        }
    }

    /**
     * Runs {@code action} once at most {@code lowWaterChars} are queued for this socket, or once it is closing: lets a
     * producer with much to send wait for a slow client without holding a thread. See {@link SessionSender#whenDrained}.
     */
    public void whenDrained(long lowWaterChars, Runnable action) {
        session.whenDrained(lowWaterChars, action);
    }

    /** Ends the socket for good ({@code 41}: logout, revoked token): the client does not reconnect. */
    public void kick() {
        session.sendThen("41", () -> close(CloseStatus.NORMAL, "kicked"));
    }

    /** Ends the session: a WebSocket closes with {@code status}, a polling client gets the close packet. */
    public void close(CloseStatus status, String why) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        log.debug("closing socket {} ({}): {}", engineId(), why, status);
        countUnlessNormal(why);
        session.close(status, why);
    }

    /** What ended a session that the gateway did not close itself (ping timeout, stuck sends…) is counted too. */
    void endedBy(String why) {
        if (closing.compareAndSet(false, true)) {
            countUnlessNormal(why);
        }
    }

    private void countUnlessNormal(String why) {
        if (!Set.of("normal", "kicked", "shutdown", "transport-close").contains(why)) {
            metrics.error(why);
        }
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
    }

    /** A binary packet announced {@code count} attachments, which are read and dropped (binary input is refused). */
    void skipAttachments(int count) { attachmentsToSkip = count; }

    /** False when a binary message arrives that no packet announced. */
    boolean skipAttachment() {
        if (attachmentsToSkip == 0) {
            return false;
        }
        attachmentsToSkip--;
        return true;
    }

    boolean awaitingAttachments() { return attachmentsToSkip > 0; }

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

    /** One sweep: the connect timeout (the heartbeat and stuck sends are the Engine.IO session's). */
    void sweep(long now, long connectTimeoutNanos) {
        if (!closing.get() && state == State.AWAITING_CONNECT && now - openedNanos > connectTimeoutNanos) {
            close(CloseStatus.POLICY_VIOLATION.withReason("no CONNECT"), "connect-timeout");
        }
    }
}
