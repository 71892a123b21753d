package dev.tally.platform.test;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The Redis the tests use: the configured one ({@code TALLY_TEST_REDIS}, default {@code 127.0.0.1:6379}) when it
 * answers PING, otherwise an embedded Redis that this JVM starts once on a free port ({@code
 * com.github.codemonstur:embedded-redis}, binaries inside the jar), so the tests need nothing but a JDK.
 */
public final class RedisTestServer {

    private static String host;
    private static int port;

    private RedisTestServer() {
    }

    public static synchronized String host() {
        resolve();
        return host;
    }

    public static synchronized int port() {
        resolve();
        return port;
    }

    /** {@code redis://host:port}, for clients that take a URI. */
    public static String uri() {
        return "redis://" + host() + ":" + port();
    }

    private static void resolve() {
        if (host != null) {
            return;
        }
        String configured = PostgresTestDatabase.env("TALLY_TEST_REDIS", "127.0.0.1:6379");
        int colon = configured.lastIndexOf(':');
        String configuredHost = configured.substring(0, colon);
        int configuredPort = Integer.parseInt(configured.substring(colon + 1));
        if (answers(configuredHost, configuredPort)) {
            host = configuredHost;
            port = configuredPort;
        } else {
            host = "127.0.0.1";
            port = Embedded.PORT;
            System.err.println("Redis at " + configured + " does not answer: the tests use an embedded Redis at " + host + ":" + port);
        }
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[5];
            return in.readNBytes(reply, 0, 5) == 5 && new String(reply, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Started on first use only (holder idiom), stopped when the JVM exits. */
    private static final class Embedded {
        static final int PORT = start();

        private static int start() {
            try {
                int free;
                try (ServerSocket probe = new ServerSocket(0)) {
                    free = probe.getLocalPort();
                }
                RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(free)
                        .setting("save \"\"").setting("appendonly no").build();
                server.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    PostgresTestDatabase.afterApplicationsClosed();
                    try {
                        server.stop();
                    } catch (IOException ignored) {
                        // the JVM is going anyway
                    }
                }));
                return free;
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded Redis did not start", e);
            }
        }
    }
}
