package dev.tally.query.notification;

import dev.tally.api.feed.FeedEvents;

import java.util.List;

/** Payload of {@code notification:read}: the notifications just marked read and how many of the user's stay unread. */
public record NotificationsRead(List<String> ids, long unread) implements FeedEvents.AboutInbox {
}
