package dev.tally.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API as curl sees it: JSON in, JSON out, failing on any unexpected status. */
record Api(String base, String token) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    JsonNode get(String path) throws Exception {
        return send(request(path).GET(), 200);
    }

    JsonNode post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, 200, 201, 202);
    }

    JsonNode put(String path, String body) throws Exception {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)), 200);
    }

    JsonNode patch(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request, 200);
    }

    /** The first element of a JSON array whose field has the value, or null. */
    static JsonNode find(JsonNode array, String field, String value) {
        assertThat(array).as("a JSON array").isNotNull();
        return StreamSupport.stream(array.spliterator(), false)
                .filter(node -> value.equals(node.path(field).asText())).findFirst().orElse(null);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static JsonNode send(HttpRequest.Builder request, Integer... expected) throws Exception {
        HttpRequest built = request.build();
        HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        // as clients are told to: a 503 (the read side catching up) is retried after its Retry-After
        for (int retry = 0; response.statusCode() == 503 && retry < 20; retry++) {
            Thread.sleep(1000L * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")));
            response = HTTP.send(built, HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(built.method() + " " + built.uri() + " answered " + response.body())
                .isIn((Object[]) expected);
        return JSON.readTree(response.body());
    }
}
