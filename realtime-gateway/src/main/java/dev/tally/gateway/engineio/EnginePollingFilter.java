package dev.tally.gateway.engineio;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.util.MultiValueMap;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The long-polling transport's HTTP side, in front of the WebSocket endpoint at the same path: WebSocket upgrades pass
 * through; everything else is Engine.IO over HTTP (handshake GET, long-poll GET, POST of {@code \x1e}-separated
 * packets capped at {@code maxPayload}). Browsers on the server's own origin or an allowed one get CORS with
 * credentials; other origins get 403, as on the WebSocket.
 */
public class EnginePollingFilter extends OncePerRequestFilter {

    private static final String SEPARATOR = "\u001e";
    private final EngineIoServer server;
    private final CorsConfiguration origins = new CorsConfiguration();

    public EnginePollingFilter(EngineIoServer server) {
        this.server = server;
        origins.setAllowedOriginPatterns(server.options().allowedOrigins());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            if (origins.checkOrigin(origin) == null && !WebUtils.isSameOrigin(new ServletServerHttpRequest(request))) {
                refuse(response, 403, EngineError.FORBIDDEN);
                return;
            }
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.addHeader("Vary", "Origin");
        }
        if ("OPTIONS".equals(request.getMethod())) {
            preflight(request, response);
            return;
        }
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance().query(request.getQueryString())
                .build().getQueryParams();
        String transport = query.getFirst("transport");
        if (!"polling".equals(transport) && !"websocket".equals(transport)) {
            refuse(response, 400, EngineError.TRANSPORT_UNKNOWN);
        } else if (!"4".equals(query.getFirst("EIO"))) {
            refuse(response, 400, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
        } else if ("websocket".equals(transport)) { // but not an upgrade request
            refuse(response, 400, EngineError.BAD_REQUEST);
        } else if (query.getFirst("sid") == null) {
            if ("GET".equals(request.getMethod())) {
                PollWriter.writeText(request, response, server.openPolling());
            } else {
                refuse(response, 400, EngineError.BAD_HANDSHAKE_METHOD);
            }
        } else {
            EngineSession session = server.find(query.getFirst("sid"));
            if (session == null || !session.polling()) {
                refuse(response, 400, EngineError.UNKNOWN_SID);
            } else if ("GET".equals(request.getMethod())) { // a closing session's last packets are still taken
                poll(session, request, response);
            } else if ("POST".equals(request.getMethod())) {
                post(session, request, response);
            } else {
                refuse(response, 400, EngineError.BAD_REQUEST);
            }
        }
    }

    private void poll(EngineSession session, HttpServletRequest request, HttpServletResponse response) throws IOException {
        // Past the ping deadline the session is gone, whatever else holds it: the sweep may not have got there yet, or
        // be dropping it right now (closing, its queue not yet cleared), or it was closed with packets left for a GET.
        if (session.pingTimedOut(System.nanoTime())) {
            session.drop(CloseStatus.GOING_AWAY.withReason("ping timeout"), "ping-timeout"); // nothing if already closing
            refuse(response, 400, EngineError.UNKNOWN_SID);
            return;
        }
        switch (session.pollingTransport().poll(request, response)) {
            case GONE -> refuse(response, 400, EngineError.UNKNOWN_SID);
            case DUPLICATE -> {
                session.drop(CloseStatus.POLICY_VIOLATION.withReason("duplicate poll"), "duplicate-poll");
                refuse(response, 400, EngineError.BAD_REQUEST);
            }
            default -> { }
        }
    }

    private void post(EngineSession session, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (session.closing()) {
            refuse(response, 400, EngineError.UNKNOWN_SID);
            return;
        }
        if (!session.beginPost()) {
            session.drop(CloseStatus.POLICY_VIOLATION.withReason("overlapping posts"), "post-overlap");
            refuse(response, 400, EngineError.BAD_REQUEST);
            return;
        }
        try {
            int max = server.options().maxPayload();
            byte[] body = request.getContentLengthLong() > max ? null : read(request.getInputStream(), max);
            if (body == null) {
                response.setStatus(413);
                return;
            }
            for (String packet : new String(body, StandardCharsets.UTF_8).split(SEPARATOR, -1)) {
                if (session.closing()) {
                    break;
                }
                if (packet.startsWith("b")) {
                    server.receiveBinary(session, Base64.getDecoder().decode(packet.substring(1)));
                } else {
                    server.receive(session, packet);
                }
            }
            response.setStatus(200);
            response.setContentType("text/html; charset=UTF-8");
            response.getWriter().write("ok");
        } catch (MalformedPacketException | IllegalArgumentException e) {
            session.drop(CloseStatus.PROTOCOL_ERROR.withReason("malformed"), "malformed");
            refuse(response, 400, EngineError.BAD_REQUEST);
        } finally {
            session.endPost();
        }
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    private static byte[] read(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    private static void preflight(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Access-Control-Allow-Methods", "GET, POST");
        String headers = request.getHeader("Access-Control-Request-Headers");
        if (headers != null) {
            response.setHeader("Access-Control-Allow-Headers", headers);
        }
        response.setHeader("Access-Control-Max-Age", "86400");
        response.setStatus(204);
    }

    private static void refuse(HttpServletResponse response, int status, EngineError error) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.getWriter().write(error.body());
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
