package dev.tally.gateway.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.gateway.GatewayProperties;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.socket.Ack;
import dev.tally.gateway.socket.ClientEventHandler;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.EngineIoHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code expense:create|update|delete} forwarded to the command API as the socket's user (its token as Bearer). A
 * {@code clientRequestId} becomes the Idempotency-Key, so a client retrying after a lost ack gets the first answer;
 * {@code version} becomes If-Match. The ack carries the API's answer: {@code {ok:true,id}} or its problem details.
 */
public class CommandForwarder implements ClientEventHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandForwarder.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern REQUEST_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final HttpClient http;
    private final ObjectMapper json;
    private final GatewayProperties properties;
    private final GatewayMetrics metrics;

    public CommandForwarder(HttpClient http, ObjectMapper json, GatewayProperties properties, GatewayMetrics metrics) {
        this.http = http;
        this.json = json;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Override
    public Set<String> events() {
        return Set.of("expense:create", "expense:update", "expense:delete");
    }

    @Override
    public void handle(ClientSocket socket, String event, JsonNode payload, Ack ack) {
        if (payload == null || !payload.isObject()) {
            ack.send(EngineIoHandler.errorAnswer(json, "BAD_REQUEST", event + " needs an object payload."));
            return;
        }
        ObjectNode body = payload.deepCopy();
        String requestId = text(body.remove("clientRequestId"));
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            ack.send(EngineIoHandler.errorAnswer(json, "BAD_REQUEST", "clientRequestId must be 1–128 visible ASCII characters."));
            return;
        }
        String id = event.equals("expense:create") ? null : text(body.remove("id"));
        if (!event.equals("expense:create") && (id == null || !ID.matcher(id).matches())) {
            ack.send(EngineIoHandler.errorAnswer(json, "BAD_REQUEST", event + " needs the expense \"id\"."));
            return;
        }
        // refused, never dropped: without its If-Match the change would apply to whatever version is the latest
        JsonNode given = body.remove("version");
        Long version = EngineIoHandler.nonNegativeLong(given);
        if (version == null && given != null && !given.isNull()) {
            ack.send(EngineIoHandler.errorAnswer(json, "BAD_REQUEST", "version must be a number ≥ 0 or a string of digits."));
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder()
                .timeout(properties.getCommandTimeout())
                .header("Authorization", "Bearer " + socket.user().token())
                .header("Accept", "application/json, application/problem+json");
        if (requestId != null) {
            request.header("Idempotency-Key", requestId);
        }
        if (version != null) {
            request.header("If-Match", "\"" + version + "\"");
        }
        String base = properties.getCommandApiUrl().replaceAll("/+$", "") + "/api/v1/transactions";
        switch (event) {
            case "expense:create" -> {
                if (!body.has("type")) {
                    body.put("type", "expense");
                }
                request.uri(URI.create(base)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            case "expense:update" -> request.uri(URI.create(base + "/" + encode(id))).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()));
            default -> request.uri(URI.create(base + "/" + encode(id))).DELETE();
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> ack.send(answer(event, id, response, failure)));
    }

    private ObjectNode answer(String event, String id, HttpResponse<String> response, Throwable failure) {
        if (failure != null) {
            log.warn("command API unreachable for {}: {}", event, failure.toString());
            metrics.error("command-unavailable");
            return EngineIoHandler.errorAnswer(json, "COMMAND_API_UNAVAILABLE", "The command could not be delivered; retry with the same clientRequestId.");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 == 2) {
            ObjectNode answer = json.createObjectNode().put("ok", true);
            String answeredId = body != null && body.path("id").isValueNode() ? body.get("id").asText() : id;
            if (answeredId == null) {
                answeredId = response.headers().firstValue("Location").map(l -> l.substring(l.lastIndexOf('/') + 1)).orElse(null);
            }
            answer.put("id", answeredId);
            // the version is a number, as the command API answers it (its ETag says the same)
            if (body != null && body.path("version").isIntegralNumber()) {
                answer.put("version", body.get("version").asLong());
            } else {
                response.headers().firstValue("ETag").map(etag -> etag.replace("W/", "").replace("\"", ""))
                        .filter(version -> version.matches("\\d{1,18}")).ifPresent(version -> answer.put("version", Long.parseLong(version)));
            }
            return answer;
        }
        metrics.error("command-refused");
        ObjectNode answer = json.createObjectNode().put("ok", false);
        if (body instanceof ObjectNode problem) {
            answer.set("error", problem);
        } else {
            answer.putObject("error").put("status", response.statusCode()).put("title", "Command refused");
        }
        return answer;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }

    /** Null when absent; an array or object is "", which no pattern accepts: refused, not taken for absent. */
    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isContainerNode() ? "" : node.asText();
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
