package dev.tally.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import java.time.Duration;

/**
 * The load client's HTTP: Apache HttpClient's blocking client over a pool of keep-alive connections, one per worker.
 * The JDK's {@code java.net.http.HttpClient} was the bottleneck it was meant to measure: 315 empty GETs/s at one worker
 * and 1 882/s at 32, where {@code wrk} got 14 800/s and 19 000/s from the same server (docs/benchmarks.md).
 */
final class Http {

    record Response(int status, byte[] body) {
        JsonNode json() throws Exception {
            return body.length == 0 ? Bench.JSON.nullNode() : Bench.JSON.readTree(body);
        }
    }

    /** Request bodies as a client sends them: compact, not the indented form {@link Bench#JSON} writes reports in. */
    private static final ObjectMapper WIRE = new ObjectMapper();

    private static final CloseableHttpClient CLIENT = HttpClients.custom()
            .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                    .setMaxConnTotal(1024).setMaxConnPerRoute(1024)
                    .setDefaultConnectionConfig(ConnectionConfig.custom()
                            .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofMinutes(30)).build())
                    .build())
            .disableAutomaticRetries() // a retried command would be counted once and run twice
            .disableCookieManagement()
            .build();

    private Http() {
    }

    /** Sends and reads the whole answer; the connection goes back to the pool. */
    static Response send(ClassicHttpRequest request) throws Exception {
        return CLIENT.execute(request, response -> new Response(response.getCode(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    static Response get(String url) throws Exception {
        return send(new HttpGet(url));
    }

    /** A JSON POST with an optional bearer token, answered with any status. */
    static Response post(String url, String token, Object body) throws Exception {
        HttpPost request = new HttpPost(url);
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        request.setEntity(new ByteArrayEntity(WIRE.writeValueAsBytes(body), ContentType.APPLICATION_JSON));
        return send(request);
    }

    /** What a streamed download brought: its status, bytes and lines, read as they came and not kept. */
    record Download(int status, long bytes, long lines) {
    }

    /** A GET with a bearer token whose body is counted while it streams in (an export of a million rows). */
    static Download download(String url, String token) throws Exception {
        HttpGet request = new HttpGet(url);
        request.setHeader("Authorization", "Bearer " + token);
        return CLIENT.execute(request, response -> {
            long bytes = 0;
            long lines = 0;
            if (response.getEntity() != null) {
                try (java.io.InputStream in = response.getEntity().getContent()) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        bytes += n;
                        for (int i = 0; i < n; i++) {
                            if (buffer[i] == '\n') {
                                lines++;
                            }
                        }
                    }
                }
            }
            return new Download(response.getCode(), bytes, lines);
        });
    }

    /** A POST whose answer may take up to {@code timeout} (an operator's rebuild). */
    static Response post(String url, Duration timeout, String header, String value) throws Exception {
        HttpPost request = new HttpPost(url);
        request.setHeader(header, value);
        request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        return send(request);
    }
}
