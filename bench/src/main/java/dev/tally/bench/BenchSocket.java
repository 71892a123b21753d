package dev.tally.bench;

import java.util.concurrent.CompletableFuture;

/** A load client's socket, over WebSocket ({@link RawSocket}) or long-polling ({@link PollingSocket}). */
abstract class BenchSocket {

    interface Events {
        /** {@code frame} is the event frame without its {@code 42} prefix: {@code ["name",{...}]}. */
        void on(BenchSocket socket, String frame, long atNanos);
    }

    /** Completes on {@code 40}. */
    final CompletableFuture<BenchSocket> connected = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final Object tag;

    BenchSocket(Object tag) {
        this.tag = tag;
    }

    abstract void close();
}
