package dev.tally.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Runs one operation from {@code concurrency} threads for a bounded time and count, and measures it. */
final class Load {

    interface Operation {
        /** One request; throws on failure. */
        void run(int worker, long sequence) throws Exception;
    }

    record Result(String name, int concurrency, long completed, long failed, double seconds, double perSecond,
                  double p50Ms, double p95Ms, double p99Ms, double maxMs) {

        Map<String, Object> row() {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("what", name);
            row.put("concurrency", concurrency);
            row.put("ops/s", Math.round(perSecond));
            row.put("p50 ms", p50Ms);
            row.put("p95 ms", p95Ms);
            row.put("p99 ms", p99Ms);
            row.put("max ms", maxMs);
            row.put("done", completed);
            row.put("failed", failed);
            return row;
        }
    }

    static Result run(String name, int concurrency, Duration duration, long maxOperations, Operation operation) throws InterruptedException {
        Histogram histogram = new Histogram(3);
        AtomicLong issued = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                Histogram local = new Histogram(3);
                long sequence;
                while (System.nanoTime() < deadline && (sequence = issued.getAndIncrement()) < maxOperations) {
                    long t0 = System.nanoTime();
                    try {
                        operation.run(worker, sequence);
                        local.recordValue(System.nanoTime() - t0);
                    } catch (Exception e) {
                        if (failed.incrementAndGet() <= 3) {
                            System.err.println(name + ": " + e);
                        }
                    }
                }
                synchronized (histogram) {
                    histogram.add(local);
                }
            }, name + "-" + w);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long completed = histogram.getTotalCount();
        return new Result(name, concurrency, completed, failed.get(), round(seconds), round(completed / seconds),
                ms(histogram.getValueAtPercentile(50)), ms(histogram.getValueAtPercentile(95)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getMaxValue()));
    }

    /** Nanoseconds as milliseconds with two decimals: how every scenario reports a time. */
    static double ms(long nanos) {
        return round(nanos / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
