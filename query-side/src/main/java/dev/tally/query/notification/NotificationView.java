package dev.tally.query.notification;

import dev.tally.api.feed.FeedEvents;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A notification as the inbox lists it and as the {@code notification} feed event carries it. */
public record NotificationView(String id, String type, String title, String message, JsonNode data, Instant createdAt, boolean read)
        implements FeedEvents.AboutNotification {
}
