package dev.tally.gateway.socket;

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
 * Checks the Engine.IO query before the upgrade and answers a refusal with the reference server's 400 bodies, so a
 * client learns why (and a long-polling client is told plainly that only WebSocket is served).
 */
public class EngineIoHandshakeInterceptor implements HandshakeInterceptor {

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                                   Map<String, Object> attributes) throws IOException {
        var query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        if (!"websocket".equals(query.getFirst("transport"))) {
            return refuse(response, 0, "Transport unknown");
        }
        if (query.containsKey("sid")) {
            return refuse(response, 1, "Session ID unknown");
        }
        if (!"4".equals(query.getFirst("EIO"))) {
            return refuse(response, 5, "Unsupported protocol version");
        }
        return true;
    }

    private static boolean refuse(ServerHttpResponse response, int code, String message) throws IOException {
        response.setStatusCode(HttpStatus.BAD_REQUEST);
        response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        response.getBody().write(("{\"code\":" + code + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
                               Exception exception) {
    }
}
