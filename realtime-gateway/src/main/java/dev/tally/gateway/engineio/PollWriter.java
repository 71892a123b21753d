package dev.tally.gateway.engineio;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.zip.GZIPOutputStream;

/**
 * Writes polling answers: packets joined with the record separator {@code \x1e}, binary as {@code b<base64>}, a noop
 * ({@code 6}) when there is nothing. Answers of {@value #COMPRESS_FROM} bytes or more are gzipped for clients that
 * accept it (socket.io's threshold); smaller ones gain too little to pay for it.
 */
final class PollWriter {

    static final int COMPRESS_FROM = 1024;
    private static final char SEPARATOR = '\u001e';
    private final Executor executor;

    PollWriter(Executor executor) {
        this.executor = executor;
    }

    void execute(Runnable task) {
        executor.execute(task);
    }

    static String payload(List<Object> packets) {
        if (packets.isEmpty()) {
            return "6";
        }
        StringBuilder payload = new StringBuilder();
        for (Object packet : packets) {
            if (!payload.isEmpty()) {
                payload.append(SEPARATOR);
            }
            if (packet instanceof String text) {
                payload.append(text);
            } else {
                payload.append('b').append(Base64.getEncoder().encodeToString((byte[]) packet));
            }
        }
        return payload.toString();
    }

    /** Writes the answer; a client that went away loses it, as on a dropped connection (it reconnects and replays). */
    void write(HttpServletRequest request, HttpServletResponse response, List<Object> packets) {
        writeText(request, response, payload(packets));
    }

    static void writeText(HttpServletRequest request, HttpServletResponse response, String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            response.setStatus(200);
            response.setContentType("text/plain; charset=UTF-8");
            response.setHeader("Vary", "Accept-Encoding");
            String accepted = request.getHeader("Accept-Encoding");
            if (body.length >= COMPRESS_FROM && accepted != null && accepted.contains("gzip")) {
                ByteArrayOutputStream zipped = new ByteArrayOutputStream(body.length / 3);
                try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                    gzip.write(body);
                }
                body = zipped.toByteArray();
                response.setHeader("Content-Encoding", "gzip");
            }
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the client is gone
        }
    }
}
