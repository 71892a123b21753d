package dev.tally.gateway.socket;

import dev.tally.gateway.support.GatewayIntegrationTest;
import dev.tally.gateway.support.RawSocket;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code websocket-compression} on, permessage-deflate is negotiated when a client offers it, and sockets work. */
@TestPropertySource(properties = "tally.gateway.websocket-compression=true")
class WebSocketCompressionTest extends GatewayIntegrationTest {

    @Test
    void deflateIsNegotiatedWhenOffered() throws Exception {
        try (var raw = new java.net.Socket("localhost", port)) {
            raw.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes());
            byte[] buffer = new byte[2048];
            int n = raw.getInputStream().read(buffer);
            assertThat(new String(buffer, 0, n)).startsWith("HTTP/1.1 101").containsIgnoringCase("permessage-deflate");
        }
        try (RawSocket socket = RawSocket.connect(port, auth(newUser()))) { // java.net.http offers none: plain frames
            socket.send("421[\"sync:request\",{\"since\":0}]");
            assertThat(socket.next(f -> f.startsWith("431"))).contains("\"ok\":true");
        }
    }
}
