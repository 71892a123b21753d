package dev.tally.gateway.engineio;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Engine.IO session, whichever transport carries it: a WebSocket from the start, or long-polling that may be
 * upgraded to a WebSocket (probe {@code 2probe}/{@code 3probe}, then {@code 5}). Sends go to the current transport and
 * never block; the heartbeat is kept here and driven by the server's sweep.
 */
public final class EngineSession {

    enum State { POLLING, UPGRADING, WEBSOCKET }

    private final String id;
    private final EngineIoServer server;
    private volatile Transport transport;
    private volatile State state;
    private volatile PollingTransport polling;
    private volatile WebSocketSession webSocket;
    private volatile WebSocketSession probe;
    private volatile SessionSender probeSender;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean notified = new AtomicBoolean();
    private final AtomicBoolean posting = new AtomicBoolean();
    private volatile String closeReason;
    private volatile long closedNanos;
    private volatile Object attachment;
    private volatile long nextPingNanos;
    private volatile long pongDeadlineNanos;

    EngineSession(String id, EngineIoServer server, long nowNanos) {
        this.id = id;
        this.server = server;
        this.nextPingNanos = nowNanos + server.pingIntervalNanos();
    }

    void onWebSocket(WebSocketSession webSocket, SessionSender sender) {
        this.webSocket = webSocket;
        this.transport = sender;
        this.state = State.WEBSOCKET;
    }

    void onPolling(PollingTransport polling) {
        this.polling = polling;
        this.transport = polling;
        this.state = State.POLLING;
    }

    public String id() { return id; }

    /** {@code "polling"} or {@code "websocket"}. */
    public String transportName() { return state == State.WEBSOCKET ? "websocket" : "polling"; }

    /** Whatever the layer above keeps with the session. */
    @SuppressWarnings("unchecked")
    public <T> T attachment() { return (T) attachment; }

    public void attach(Object attachment) { this.attachment = attachment; }

    /** Sends an Engine.IO packet ({@code "42[…]"}); false when the session is closing or the client is too slow. */
    public boolean send(String packet) {
        return !closing.get() && transport.send(packet);
    }

    /** Sends a binary message (a Socket.IO attachment). */
    public boolean sendBinary(byte[] message) {
        return !closing.get() && transport.sendBinary(message);
    }

    /** Sends {@code packet}, then runs {@code action} once the client has it (or at once when it cannot be sent). */
    public void sendThen(String packet, Runnable action) {
        if (closing.get()) {
            action.run();
        } else {
            transport.sendThen(packet, action);
        }
    }

    /** Runs {@code action} once at most {@code lowWaterChars} are queued for the client, or once the session ends. */
    public void whenDrained(long lowWaterChars, Runnable action) {
        transport.whenDrained(lowWaterChars, action);
    }

    public boolean closing() { return closing.get(); }

    /**
     * Ends the session: a WebSocket is closed with {@code status}, a waiting poll is answered with the close packet.
     * The listener hears {@code reason} once the transport is gone.
     */
    public void close(CloseStatus status, String reason) {
        end(status, reason, "1", true, false); // what was sent before (an error ack, a 41) still reaches a polling client
    }

    /** Ends a session that broke the protocol or went silent: what is still queued for it is dropped. */
    void drop(CloseStatus status, String reason) {
        end(status, reason, "1", false, false);
    }

    /**
     * The client asked to close ({@code 1}): a waiting poll ends with a noop, as the reference server does; when its
     * POST overtook that GET on another connection, the GET still gets the noop rather than a 400.
     */
    void closeByClient() {
        end(CloseStatus.NORMAL, "normal", "6", false, true);
    }

    private void end(CloseStatus status, String reason, String lastPollAnswer, boolean flush, boolean keepLast) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closeReason = reason;
        closedNanos = System.nanoTime();
        WebSocketSession ws = webSocket;
        WebSocketSession probing = probe;
        if (probing != null) {
            server.closeLater(probing, status);
        }
        if (ws != null) {
            transport.stop();
            server.closeLater(ws, status); // the listener hears of it when the container reports the close
        } else {
            notifyClosed(); // the layer above lets go now; the session stays findable until its last answer is taken
            polling.close(lastPollAnswer, flush, keepLast, this::forget);
        }
    }

    /** The WebSocket carrying the session closed (either side). */
    void webSocketClosed(WebSocketSession ws) {
        if (ws == probe) {
            probe = null;
            probeSender = null;
            if (state == State.UPGRADING) {
                state = State.POLLING;
                polling.upgrading(false);
            }
            return;
        }
        if (ws == webSocket) {
            if (closing.compareAndSet(false, true)) {
                closeReason = "transport-close";
                transport.stop();
            }
            ended();
        }
    }

    private void ended() {
        notifyClosed();
        forget();
    }

    private void notifyClosed() {
        if (notified.compareAndSet(false, true)) {
            server.closed(this, closeReason);
        }
    }

    private void forget() {
        if (ended.compareAndSet(false, true)) {
            server.forget(this);
        }
    }

    // --- upgrade ---

    /** A WebSocket with this session's id: accepted as a probe only while polling and not probing already. */
    synchronized boolean beginProbe(WebSocketSession ws, SessionSender sender) {
        if (closing.get() || state != State.POLLING || probe != null) {
            return false;
        }
        probe = ws;
        probeSender = sender;
        return true;
    }

    boolean isProbe(WebSocketSession ws) {
        return ws == probe;
    }

    /** {@code 2probe} on the probing WebSocket: answer it and let the waiting poll go with a noop. */
    void probed() {
        SessionSender sender = probeSender;
        if (sender != null) {
            state = State.UPGRADING;
            sender.send("3probe");
            polling.upgrading(true);
        }
    }

    /** {@code 5}: from now on the WebSocket carries everything; what polling had queued goes first. */
    synchronized void upgrade() {
        SessionSender sender = probeSender;
        if (sender == null || closing.get()) {
            return;
        }
        webSocket = probe;
        probe = null;
        probeSender = null;
        polling.handOver(sender);
        transport = sender;
        state = State.WEBSOCKET;
    }

    boolean polling() {
        return state != State.WEBSOCKET;
    }

    PollingTransport pollingTransport() {
        return polling;
    }

    /** One POST at a time: a second concurrent one is a protocol error. */
    boolean beginPost() {
        return posting.compareAndSet(false, true);
    }

    void endPost() {
        posting.set(false);
    }

    // --- heartbeat ---

    void pong(long nowNanos) {
        pongDeadlineNanos = 0;
        nextPingNanos = nowNanos + server.pingIntervalNanos();
    }

    /** True when a ping went unanswered past its deadline, which counts from when the ping was due, not sent. */
    boolean pingTimedOut(long nowNanos) {
        long deadline = pongDeadlineNanos;
        return deadline != 0 ? nowNanos - deadline > 0
                : nowNanos - nextPingNanos - server.pingTimeoutNanos() > 0;
    }

    /** One sweep: ping timeout, stuck sends, ping due. */
    void sweep(long nowNanos, long sendTimeoutNanos) {
        if (closing.get()) {
            if (webSocket == null && !ended.get() && nowNanos - closedNanos > server.pingTimeoutNanos()) {
                polling.abandon(); // closed with packets left, and no GET came for them
            }
            return;
        }
        if (pingTimedOut(nowNanos)) {
            drop(CloseStatus.GOING_AWAY.withReason("ping timeout"), "ping-timeout");
        } else if (transport.stuck(nowNanos, sendTimeoutNanos)) {
            drop(CloseStatus.SERVICE_OVERLOAD.withReason("slow consumer"), "slow-consumer");
        } else if (pongDeadlineNanos == 0 && nowNanos - nextPingNanos >= 0) {
            pongDeadlineNanos = nextPingNanos + server.pingTimeoutNanos();
            if (!send("2")) {
                drop(CloseStatus.SERVICE_OVERLOAD.withReason("slow consumer"), "slow-consumer");
            }
        }
    }
}
