package dev.tally.query.notification;

import dev.tally.query.projection.ReadModelTables;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Puts notifications into users' inboxes for the projections, and renders them. */
@Component
@ReadModelTables("notification_view")
public class Inbox {

    private final NotificationRepository notifications;
    private final ObjectMapper objectMapper;

    public Inbox(NotificationRepository notifications, ObjectMapper objectMapper) {
        this.notifications = notifications;
        this.objectMapper = objectMapper;
    }

    /**
     * Adds a notification caused by the event at {@code index}; its id derives from that index and the user, so the
     * same event never notifies twice and a rebuild gives it the same id.
     */
    public FeedUpdate notify(long index, String userId, String type, String title, String message, Map<String, ?> data, Instant at) {
        String id = UUID.nameUUIDFromBytes(("notification:" + index + ":" + userId).getBytes(StandardCharsets.UTF_8)).toString();
        Notification notification = notifications.findById(id).orElseGet(() ->
                notifications.save(new Notification(id, userId, type, title, message, json(data), at)));
        return new FeedUpdate(userId, FeedEvents.NOTIFICATION, view(notification));
    }

    public NotificationView view(Notification n) {
        try {
            return new NotificationView(n.notificationId(), n.type(), n.title(), n.message(), objectMapper.readTree(n.data()),
                    n.createdAt(), n.readAt() != null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification data is not JSON", e);
        }
    }

    private String json(Map<String, ?> data) {
        try {
            return objectMapper.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification data cannot be written as JSON", e);
        }
    }
}
