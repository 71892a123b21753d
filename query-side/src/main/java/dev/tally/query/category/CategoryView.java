package dev.tally.query.category;

import dev.tally.api.feed.FeedEvents;
import dev.tally.api.category.CategoryKind;

public record CategoryView(String id, String name, CategoryKind kind, boolean archived) implements FeedEvents.AboutCategory {
}
