package dev.tally.gateway.engineio;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Checks the Engine.IO query before a WebSocket upgrade and answers a refusal with the reference server's 400 bodies.
 * A session id must name a live session; the WebSocket then probes its upgrade (see {@link EngineWebSocketHandler}).
 */
public class EngineHandshakeInterceptor implements HandshakeInterceptor {

    private final EngineIoServer server;

    public EngineHandshakeInterceptor(EngineIoServer server) {
        this.server = server;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                                   Map<String, Object> attributes) throws IOException {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        if (!"websocket".equals(query.getFirst("transport"))) {
            return refuse(response, EngineError.TRANSPORT_UNKNOWN);
        }
        if (!"4".equals(query.getFirst("EIO"))) {
            return refuse(response, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        }
        String sid = query.getFirst("sid");
        if (sid != null) {
            EngineSession session = server.find(sid);
            if (session == null) {
                return refuse(response, EngineError.UNKNOWN_SID);
            }
            // one already upgraded or probing is accepted and closed at once, as the reference server does
            attributes.put(EngineWebSocketHandler.SESSION_ID, sid);
        }
        return true;
    }

    private static boolean refuse(ServerHttpResponse response, EngineError error) throws IOException {
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(error.body().getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                               Exception exception) {
    }
}
