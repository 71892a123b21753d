package dev.tally.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A WebSocket client on a bare TCP socket that upgrades, sends frames, and never reads again: the client that stopped
 * reading (a frozen tab, a dead mobile link).
 */
public class StalledClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    public StalledClient(int port) throws IOException {
        socket = new Socket("localhost", port);
        socket.setReceiveBufferSize(4096);
        out = socket.getOutputStream();
        out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        // read just the 101 response and the open packet, then stop reading for good
        byte[] buffer = new byte[512];
        int n = socket.getInputStream().read(buffer);
        String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IllegalStateException("no upgrade: " + head);
        }
    }

    /** Reads (and discards) until {@code marker} has passed, then reads nothing more. */
    public void readUntil(String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[1024];
        while (seen.indexOf(marker) < 0) {
            int n = socket.getInputStream().read(buffer);
            if (n < 0) {
                throw new IOException("closed before " + marker);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
    }

    /** A masked text frame, as clients must send. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        new SecureRandom().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
