package dev.tally.gateway.room;

import dev.tally.gateway.socket.SocketUser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Asks the query API as the socket's user ({@code GET /api/v1/rooms/{kind}/{id}} with its token): 204 a member, 404
 * not (nor does the room exist), 401 a token the query side no longer takes. Anything else means the query side cannot say now.
 */
public class QueryApiMembership implements RoomMembership {

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    public QueryApiMembership(HttpClient http, String queryApiUrl, Duration timeout) {
        this.http = http;
        this.baseUrl = queryApiUrl.replaceAll("/+$", "") + "/api/v1/rooms/";
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<Boolean> isMember(SocketUser user, String room) {
        // room is "expense:<id>" or "group:<id>", the id already checked to be [A-Za-z0-9_-]
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + room.replaceFirst(":", "/")))
                .timeout(timeout)
                .header("Authorization", "Bearer " + user.token())
                .GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> switch (response.statusCode()) {
            case 204, 200 -> true;
            case 401, 403, 404 -> false;
            default -> throw new IllegalStateException(new IOException("query API answered " + response.statusCode() + " for " + room));
        });
    }
}
