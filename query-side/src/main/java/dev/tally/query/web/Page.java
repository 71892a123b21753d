package dev.tally.query.web;

import dev.tally.query.feed.FeedPosition;

import java.util.List;

/**
 * One page of a list; {@code nextCursor} is null on the last page. {@code feed} (lists that are snapshots) is the
 * caller's feed position read in the same database snapshot as the items.
 */
public record Page<T>(List<T> items, String nextCursor, FeedPosition feed) {
}
