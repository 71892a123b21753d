package dev.tally.gateway.socket;

import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes, acks and pings come from different threads; the raw container session loses frames under that. Every frame
 * sent concurrently to one socket must arrive, each thread's in its own order.
 */
class ConcurrentSendTest extends GatewayIntegrationTest {

    @Autowired
    SocketRegistry registry;

    @Test
    void framesFromManyThreadsAllArriveInPerThreadOrder() throws Exception {
        String user = newUser();
        int threads = 4;
        int perThread = 1500;
        try (RawSocket socket = RawSocket.connect(port, auth(user))) {
            socket.nextEvent("presence"); // sent once the socket is in its user's room
            ClientSocket server = registry.ofUser(user).iterator().next();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Thread sender = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        server.sendFrame("42[\"t\",{\"t\":" + thread + ",\"i\":" + i + "}]");
                    }
                });
                sender.start();
                senders.add(sender);
            }
            start.countDown();
            for (Thread sender : senders) {
                sender.join();
            }
            Map<Integer, Integer> nextByThread = new HashMap<>();
            for (int received = 0; received < threads * perThread; ) {
                String frame = socket.next();
                if (!frame.startsWith("42[\"t\"")) {
                    continue;
                }
                int thread = Integer.parseInt(frame.replaceAll(".*\"t\":(\\d+).*", "$1"));
                int index = Integer.parseInt(frame.replaceAll(".*\"i\":(\\d+).*", "$1"));
                assertThat(index).as("thread %d in order", thread).isEqualTo(nextByThread.getOrDefault(thread, 0));
                nextByThread.put(thread, index + 1);
                received++;
            }
            assertThat(nextByThread.values()).containsOnly(perThread);
            assertThat(socket.isClosed()).isFalse();
        }
    }
}
