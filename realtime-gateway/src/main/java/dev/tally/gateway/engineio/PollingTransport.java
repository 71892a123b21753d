package dev.tally.gateway.engineio;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine.IO long-polling for one session: packets queue here until the client's GET takes them all (joined with the
 * record separator, binary as {@code b<base64>}). At most one GET waits at a time, held open with servlet async, so
 * an idle polling client costs no thread. A waiting GET is answered on the writer executor, never on the sender's
 * thread. After an upgrade whatever is queued moves to the WebSocket, and later sends follow it there.
 */
final class PollingTransport implements Transport {

    /** What a GET found. */
    enum Poll { ANSWERED, HELD, DUPLICATE, GONE }

    private final int queueLimitChars;
    private final long holdMillis;
    private final PollWriter writer;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedChars;
    private long oldestQueuedNanos;
    private AsyncContext waiting;
    private Runnable afterFlush;
    private long drainLowWater;
    private Runnable drainWaiter;
    private Transport successor;
    private boolean upgrading;
    private boolean stopped;
    private Runnable finishing;

    PollingTransport(int queueLimitChars, long holdMillis, PollWriter writer) {
        this.queueLimitChars = queueLimitChars;
        this.holdMillis = holdMillis;
        this.writer = writer;
    }

    @Override
    public boolean send(String packet) {
        return enqueue(packet, packet.length());
    }

    @Override
    public boolean sendBinary(byte[] message) {
        return enqueue(message, message.length);
    }

    private boolean enqueue(Object packet, int size) {
        Transport next;
        AsyncContext answer;
        List<Object> batch;
        synchronized (this) {
            next = successor;
            if (next == null) {
                if (stopped || queuedChars + size > queueLimitChars) {
                    return false;
                }
                if (queue.isEmpty()) {
                    oldestQueuedNanos = System.nanoTime();
                }
                queue.add(packet);
                queuedChars += size;
                if (waiting == null) {
                    return true;
                }
                answer = waiting;
                waiting = null;
                batch = takeAll();
            } else {
                answer = null;
                batch = null;
            }
        }
        if (next != null) {
            return packet instanceof String text ? next.send(text) : next.sendBinary((byte[]) packet);
        }
        answerLater(answer, batch);
        return true;
    }

    @Override
    public void sendThen(String packet, Runnable action) {
        if (!send(packet)) {
            action.run();
            return;
        }
        Transport next;
        synchronized (this) {
            next = successor;
            if (next == null) {
                if (queue.isEmpty()) { // already taken by a waiting GET
                    writer.execute(action);
                } else {
                    afterFlush = action;
                }
                return;
            }
        }
        next.sendThen("6", action); // it moved on during the send: a noop marks the point
    }

    @Override
    public void whenDrained(long lowWaterChars, Runnable action) {
        Transport next;
        synchronized (this) {
            next = successor;
            if (next == null && !stopped && queuedChars > lowWaterChars) {
                if (drainWaiter != null) {
                    throw new IllegalStateException("something already waits for this session's queue to drain");
                }
                drainLowWater = lowWaterChars;
                drainWaiter = action;
                return;
            }
        }
        if (next != null) {
            next.whenDrained(lowWaterChars, action);
        } else {
            action.run();
        }
    }

    @Override
    public synchronized boolean stuck(long nowNanos, long timeoutNanos) {
        return successor == null && waiting == null && !queue.isEmpty() && nowNanos - oldestQueuedNanos > timeoutNanos;
    }

    @Override
    public synchronized long queuedChars() {
        return queuedChars;
    }

    @Override
    public void stop() {
        Runnable waiter;
        synchronized (this) {
            stopped = true;
            queue.clear();
            queuedChars = 0;
            waiter = drainWaiter;
            drainWaiter = null;
        }
        if (waiter != null) {
            waiter.run();
        }
    }

    /** A GET: answered at once when something is queued (or during an upgrade), else held until something is. */
    Poll poll(HttpServletRequest request, HttpServletResponse response) {
        List<Object> batch;
        Runnable done = null;
        synchronized (this) {
            if (finishing != null) { // closed with packets left: they go now, and the session ends
                done = finishing;
                finishing = null;
                batch = takeAll();
                writer.write(request, response, batch);
                done.run();
                return Poll.ANSWERED;
            }
            if (stopped || successor != null) {
                return Poll.GONE;
            }
            if (waiting != null) {
                return Poll.DUPLICATE;
            }
            if (queue.isEmpty() && !upgrading) {
                AsyncContext async = request.startAsync(request, response);
                async.setTimeout(holdMillis);
                async.addListener(new Release());
                waiting = async;
                return Poll.HELD;
            }
            batch = takeAll();
        }
        writer.write(request, response, batch);
        afterTaken(batch);
        return Poll.ANSWERED;
    }

    /**
     * Ends polling. {@code flush}: what is queued still goes out, then {@code lastAnswer}, to the waiting GET or, when
     * none waits, to the next one ({@code done} runs once it is taken, or from {@link #abandon}); otherwise it is
     * dropped and a waiting GET gets {@code lastAnswer} alone.
     */
    void close(String lastAnswer, boolean flush, Runnable done) {
        close(lastAnswer, flush, false, done);
    }

    /** {@code keepLast}: with no GET waiting, the next one still gets {@code lastAnswer} (and then the session ends). */
    void close(String lastAnswer, boolean flush, boolean keepLast, Runnable done) {
        AsyncContext answer;
        List<Object> batch;
        Runnable waiter;
        synchronized (this) {
            stopped = true;
            waiter = drainWaiter;
            drainWaiter = null;
            if (!flush) {
                queue.clear();
                queuedChars = 0;
            }
            queue.add(lastAnswer);
            answer = waiting;
            waiting = null;
            if (answer == null && (queue.size() > 1 || keepLast)) {
                finishing = done; // the next GET takes the rest
                done = null;
                batch = null;
            } else {
                batch = takeAll();
            }
        }
        if (answer != null) {
            answerLater(answer, batch);
        }
        if (waiter != null) {
            waiter.run();
        }
        if (done != null) {
            done.run();
        }
    }

    /** A closed session whose rest no GET came for: given up. */
    void abandon() {
        Runnable done;
        synchronized (this) {
            done = finishing;
            finishing = null;
            queue.clear();
            queuedChars = 0;
        }
        if (done != null) {
            done.run();
        }
    }

    /** During the probe a waiting GET is let go with a noop, and later GETs are answered at once. */
    void upgrading(boolean on) {
        AsyncContext answer;
        List<Object> batch;
        synchronized (this) {
            upgrading = on;
            if (!on || waiting == null) {
                return;
            }
            answer = waiting;
            waiting = null;
            batch = takeAll();
        }
        answerLater(answer, batch);
    }

    /** The upgrade completed: queued packets go to the WebSocket first, then everything sent later. */
    void handOver(Transport next) {
        AsyncContext answer;
        Runnable after;
        Runnable waiter;
        synchronized (this) {
            for (Object packet : queue) {
                if (packet instanceof String text) {
                    next.send(text);
                } else {
                    next.sendBinary((byte[]) packet);
                }
            }
            queue.clear();
            queuedChars = 0;
            successor = next;
            answer = waiting;
            waiting = null;
            after = afterFlush;
            afterFlush = null;
            waiter = drainWaiter;
            drainWaiter = null;
        }
        if (answer != null) {
            answerLater(answer, List.of());
        }
        if (after != null) {
            next.sendThen("6", after);
        }
        if (waiter != null) {
            waiter.run();
        }
    }

    /** Takes the whole queue (caller holds the lock); an empty batch is answered with a noop. */
    private List<Object> takeAll() {
        List<Object> batch = new ArrayList<>(queue);
        queue.clear();
        queuedChars = 0;
        return batch;
    }

    private void answerLater(AsyncContext async, List<Object> batch) {
        writer.execute(() -> {
            try {
                writer.write((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), batch);
            } catch (IllegalStateException e) {
                // the request timed out or failed meanwhile: the packets are lost with it, as on a dropped connection
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException ignored) {
                    // already completed by a timeout
                }
            }
            afterTaken(batch);
        });
    }

    private void afterTaken(List<Object> batch) {
        Runnable after = null;
        Runnable waiter = null;
        synchronized (this) {
            if (queue.isEmpty() && afterFlush != null) {
                after = afterFlush;
                afterFlush = null;
            }
            if (drainWaiter != null && queuedChars <= drainLowWater) {
                waiter = drainWaiter;
                drainWaiter = null;
            }
        }
        if (after != null) {
            after.run();
        }
        if (waiter != null) {
            waiter.run();
        }
    }

    /** A held GET that times out (or fails) is no longer waiting: it is answered with a noop when it can be. */
    private final class Release implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) {
            AsyncContext async = event.getAsyncContext();
            boolean mine;
            synchronized (PollingTransport.this) {
                mine = waiting == async;
                if (mine) {
                    waiting = null;
                }
            }
            if (mine) { // answered here: a timed-out request left unanswered becomes an error dispatch
                writer.write((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), List.of());
                async.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            synchronized (PollingTransport.this) {
                if (waiting == event.getAsyncContext()) {
                    waiting = null;
                }
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
            onError(event);
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
