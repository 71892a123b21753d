package dev.tally.gateway.engineio;

/**
 * The outbound side of one Engine.IO session on one transport: Engine.IO packets ({@code "2"}, {@code "42[…]"}) and
 * binary messages, queued without blocking the caller and bounded (false when over the limit or stopped).
 */
interface Transport {

    boolean send(String packet);

    boolean sendBinary(byte[] message);

    /** Runs {@code action} once everything queued so far, {@code packet} included, has been handed to the client. */
    void sendThen(String packet, Runnable action);

    /** Runs {@code action} once at most {@code lowWaterChars} are queued, or once the transport stops. */
    void whenDrained(long lowWaterChars, Runnable action);

    /** True when the client has not taken what was sent for longer than {@code timeoutNanos}. */
    boolean stuck(long nowNanos, long timeoutNanos);

    long queuedChars();

    /** Stops sending; queued packets are dropped. */
    void stop();
}
