package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;

import java.util.List;

/** A feed entry on its way to sockets, with the seqs of older entries it superseded when coalesced (usually none). */
public record Delivery(FeedEntry entry, List<Long> replaces) {

    public static Delivery of(FeedEntry entry) {
        return new Delivery(entry, List.of());
    }
}
