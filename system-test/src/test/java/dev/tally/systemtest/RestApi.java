package dev.tally.systemtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's view of one service's REST API: JSON in, JSON out, failing on any unexpected status. */
record RestApi(String base, String token) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static RestApi of(ServiceProcess service, String token) {
        return new RestApi(service.url() + "/api/v1", token);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send(request(path).GET(), 200);
    }

    JsonNode post(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 200, 201, 202);
    }

    /** Every feed entry of the caller after {@code since}, following the pages. */
    List<JsonNode> feedSince(long since) throws IOException, InterruptedException {
        List<JsonNode> entries = new ArrayList<>();
        long from = since;
        // a seq counts within an epoch: the current one (since=0 names it), which no rebuild changes during a test
        String epoch = get("/sync?since=0&limit=1").get("epoch").asText();
        while (true) {
            JsonNode page = get("/sync?since=" + from + "&epoch=" + epoch);
            assertThat(page.get("recovered").asBoolean()).as("the feed still holds everything after " + from + ": " + page).isTrue();
            page.get("entries").forEach(entries::add);
            if (!page.get("hasMore").asBoolean() || page.get("entries").isEmpty()) {
                return entries;
            }
            from = entries.get(entries.size() - 1).get("seq").asLong();
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private static JsonNode send(HttpRequest.Builder request, Integer... expected) throws IOException, InterruptedException {
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
