package dev.tally.gateway.engineio;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;

import java.nio.ByteBuffer;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Non-blocking, thread-safe sends for one socket. Tomcat allows one outstanding async send per session and the raw
 * session is not thread-safe, so frames queue here and the next send starts from the previous one's completion; a
 * work-in-progress counter keeps inline completions from recursing. A client that stops reading never blocks the
 * caller: its queue grows until {@link #send} refuses a frame over the limit, and the socket is closed. A producer
 * with much to send (a replay) waits for the queue to drain with {@link #whenDrained} instead of filling it.
 */
public class SessionSender implements Transport {

    private final RemoteEndpoint.Async remote;
    private final int queueLimitChars;
    private final Consumer<String> onFailure;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>(); // String (text frame) or byte[] (binary frame)
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong queuedChars = new AtomicLong();
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private volatile long inFlightSinceNanos;
    private volatile boolean stopped;
    private volatile Runnable whenFlushed;
    private final AtomicReference<DrainWaiter> drainWaiter = new AtomicReference<>();

    /** A producer waiting until at most {@code lowWaterChars} are queued. */
    private record DrainWaiter(long lowWaterChars, Runnable action) {
    }

    public SessionSender(RemoteEndpoint.Async remote, int queueLimitChars, Consumer<String> onFailure) {
        this.remote = remote;
        this.queueLimitChars = queueLimitChars;
        this.onFailure = onFailure;
    }

    /** Queues a frame; false when the socket is stopped or its queue is over the limit (the caller closes it). */
    @Override
    public boolean send(String frame) {
        return enqueue(frame, frame.length());
    }

    @Override
    public boolean sendBinary(byte[] frame) {
        return enqueue(frame, frame.length);
    }

    private boolean enqueue(Object frame, int size) {
        if (stopped) {
            return false;
        }
        if (queuedChars.addAndGet(size) > queueLimitChars) {
            queuedChars.addAndGet(-size);
            return false;
        }
        queue.add(frame);
        drain();
        return true;
    }

    /** Runs {@code action} once everything queued so far has been written (used to close after a final {@code 41}). */
    @Override
    public void sendThen(String frame, Runnable action) {
        if (!send(frame)) {
            action.run();
            return;
        }
        // set only after the frame is queued, so a concurrent drain cannot run the action before the frame is out
        whenFlushed = action;
        drain();
    }

    /**
     * Runs {@code action} once at most {@code lowWaterChars} are queued (at once if so already), or once the sender
     * stops, so a waiting producer always hears back. It runs on whichever thread gets there, often the container's
     * send completion: keep it short (hand the work to an executor). One waiter at a time.
     */
    @Override
    public void whenDrained(long lowWaterChars, Runnable action) {
        if (!drainWaiter.compareAndSet(null, new DrainWaiter(lowWaterChars, action))) {
            throw new IllegalStateException("something already waits for this socket's queue to drain");
        }
        signalDrained(); // after the waiter is set: a drain that ran just before is not missed
    }

    /** Stops sending; queued frames are dropped. */
    @Override
    public void stop() {
        stopped = true;
        queue.clear();
        signalDrained();
    }

    /** True when a send has been in flight longer than {@code timeoutNanos}: the client stopped reading. */
    @Override
    public boolean stuck(long nowNanos, long timeoutNanos) {
        return inFlight.get() && nowNanos - inFlightSinceNanos > timeoutNanos;
    }

    @Override
    public long queuedChars() {
        return queuedChars.get();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!stopped && !inFlight.get()) {
                Object next = queue.poll();
                if (next != null) {
                    inFlight.set(true);
                    inFlightSinceNanos = System.nanoTime();
                    try {
                        if (next instanceof String text) {
                            queuedChars.addAndGet(-text.length());
                            remote.sendText(text, this::completed);
                        } else {
                            byte[] bytes = (byte[]) next;
                            queuedChars.addAndGet(-bytes.length);
                            remote.sendBinary(ByteBuffer.wrap(bytes), this::completed);
                        }
                    } catch (RuntimeException e) { // session already closed underneath
                        inFlight.set(false);
                        stopped = true;
                        onFailure.accept(e.getClass().getSimpleName());
                    }
                } else if (whenFlushed != null) {
                    Runnable action = whenFlushed;
                    whenFlushed = null;
                    action.run();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
        signalDrained();
    }

    private void signalDrained() {
        DrainWaiter waiter = drainWaiter.get();
        if (waiter != null && (stopped || queuedChars.get() <= waiter.lowWaterChars())
                && drainWaiter.compareAndSet(waiter, null)) {
            waiter.action().run();
        }
    }

    private void completed(SendResult result) {
        inFlight.set(false);
        if (!result.isOK()) {
            stopped = true;
            onFailure.accept(result.getException() == null ? "send failed" : result.getException().getClass().getSimpleName());
            signalDrained();
            return;
        }
        drain();
    }
}
