package dev.tally.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.Map;

/** A real HTTP client for the command API in tests: every answer (2xx or not) comes back with status, headers and JSON body. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RestClient client;

    public Api(int port) {
        this.client = RestClient.builder().baseUrl("http://localhost:" + port).build();
    }

    public Call call(HttpMethod method, String path) {
        return new Call(method, path);
    }

    public Call post(String path) {
        return call(HttpMethod.POST, path);
    }

    public Call patch(String path) {
        return call(HttpMethod.PATCH, path);
    }

    public Call put(String path) {
        return call(HttpMethod.PUT, path);
    }

    public Call delete(String path) {
        return call(HttpMethod.DELETE, path);
    }

    public Call get(String path) {
        return call(HttpMethod.GET, path);
    }

    public final class Call {
        private final HttpMethod method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;
        private MediaType contentType = MediaType.APPLICATION_JSON;

        private Call(HttpMethod method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call token(String token) {
            return header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }

        public Call as(TestUser user) {
            return token(user.token());
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call idempotencyKey(String key) {
            return header("Idempotency-Key", key);
        }

        public Call ifMatch(long version) {
            return header(HttpHeaders.IF_MATCH, "\"" + version + "\"");
        }

        /** A JSON body: a Map, a record, or raw JSON text. */
        public Call body(Object body) {
            this.body = body;
            return this;
        }

        /** A body of another type (an operator's CSV file), sent as is. */
        public Call body(String type, String text) {
            this.contentType = MediaType.parseMediaType(type);
            this.body = text;
            return this;
        }

        public Response send() {
            var spec = client.method(method).uri(path).headers(h -> headers.forEach(h::set));
            if (body != null) {
                spec = spec.contentType(contentType).body(body instanceof String s ? s : body);
            }
            return spec.exchange((request, response) -> {
                byte[] bytes = response.getBody().readAllBytes();
                JsonNode json = bytes.length == 0 ? JSON.nullNode() : JSON.readTree(bytes);
                return new Response(response.getStatusCode(), response.getHeaders(), json);
            });
        }
    }

    public record Response(HttpStatusCode status, HttpHeaders headers, JsonNode body) {

        public int code() {
            return status.value();
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }

        public long version() {
            return body.path("version").asLong();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
