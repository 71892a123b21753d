package dev.tally.query.notification;

import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import dev.tally.api.feed.FeedEvents;
import dev.tally.query.feed.FeedUpdate;
import dev.tally.query.feed.UserFeed;
import dev.tally.query.web.Cursor;
import dev.tally.query.web.Dates;
import dev.tally.query.web.InvalidQuery;
import dev.tally.query.web.Limits;
import dev.tally.query.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
public class NotificationQueryController {

    private final NotificationRepository notifications;
    private final Inbox inbox;
    private final UserFeed feed;
    private final Clock clock;

    public NotificationQueryController(NotificationRepository notifications, Inbox inbox, UserFeed feed, Clock clock) {
        this.notifications = notifications;
        this.inbox = inbox;
        this.feed = feed;
        this.clock = clock;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "The caller's notifications, newest first")
    public Page<NotificationView> list(Caller caller, @RequestParam(defaultValue = "false") boolean unreadOnly,
                                       @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int size = Limits.check(limit);
        Cursor after = cursor == null || cursor.isBlank() ? null : Cursor.decode(cursor);
        List<Notification> rows = after == null
                ? notifications.firstPage(caller.userId(), unreadOnly, Limit.of(size + 1))
                : notifications.pageAfter(caller.userId(), unreadOnly, instant(after.value()), after.id(), Limit.of(size + 1));
        boolean more = rows.size() > size;
        List<Notification> items = more ? rows.subList(0, size) : rows;
        String next = more ? new Cursor(items.get(size - 1).createdAt().toString(), items.get(size - 1).notificationId()).encode() : null;
        return new Page<>(items.stream().map(inbox::view).toList(), next, null);
    }

    @GetMapping("/unread-count")
    @Transactional(readOnly = true)
    @Operation(summary = "How many of the caller's notifications are unread")
    public Map<String, Long> unreadCount(Caller caller) {
        return Map.of("unread", notifications.countByUserIdAndReadAtIsNull(caller.userId()));
    }

    /**
     * The one write of query-side: a read-model change, not a domain fact. It appends {@code notification:read} to the
     * caller's feed in the same transaction so every device clears the badge. Marking a read notification again changes nothing.
     */
    @PostMapping("/{notificationId}/read")
    @Transactional
    @Operation(summary = "Marks one of the caller's notifications read")
    public NotificationView markRead(Caller caller, @PathVariable String notificationId) {
        Notification notification = notifications.findByNotificationIdAndUserId(notificationId, caller.userId())
                .orElseThrow(() -> new NotFoundException("notification", notificationId));
        if (notification.markRead(clock.instant())) {
            long unread = notifications.countByUserIdAndReadAtIsNull(caller.userId());
            feed.append(0, List.of(new FeedUpdate(caller.userId(), FeedEvents.NOTIFICATION_READ,
                    new NotificationsRead(List.of(notificationId), unread))));
        }
        return inbox.view(notification);
    }

    private static Instant instant(String value) {
        try {
            return Dates.check("cursor", Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new InvalidQuery("cursor", "is not a cursor this API returned");
        }
    }
}
