package dev.tally.gateway.support;

import javax.net.SocketFactory;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

/**
 * Sockets that read at most {@code bytesPerSecond}: a client on a slow link, for a real client library (OkHttp under
 * the Java Socket.IO client takes a {@link SocketFactory}). The kernel's socket buffers still absorb a few MB before
 * the sender feels the pace (a small receive buffer would stall loopback TCP far below the rate instead).
 */
public class SlowLink extends SocketFactory {

    private final long bytesPerSecond;

    public SlowLink(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    public Socket createSocket() throws IOException {
        return new PacedSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return connected(new InetSocketAddress(address, port));
    }

    private Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = createSocket();
        socket.connect(address);
        return socket;
    }

    private class PacedSocket extends Socket {

        private InputStream in;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new Paced(super.getInputStream());
            }
            return in;
        }
    }

    private class Paced extends FilterInputStream {

        private final long startNanos = System.nanoTime();
        private long bytes;

        Paced(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                pace(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, Math.min(length, 4096));
            if (n > 0) {
                pace(n);
            }
            return n;
        }

        /** Sleeps until the bytes read so far are no more than the rate allows. */
        private void pace(int n) throws InterruptedIOException {
            bytes += n;
            long aheadNanos = bytes * 1_000_000_000L / bytesPerSecond - (System.nanoTime() - startNanos);
            if (aheadNanos > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(aheadNanos);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
            }
        }
    }
}
