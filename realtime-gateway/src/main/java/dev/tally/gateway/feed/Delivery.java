package dev.tally.gateway.feed;

import dev.tally.api.feed.FeedEntry;

import java.util.List;
import java.util.function.Supplier;

/**
 * A feed entry on its way to sockets, with the seqs of older entries it superseded when coalesced (usually none).
 * Its frame is encoded once and shared by every socket it goes to: a user has up to 10, all sent the same bytes.
 */
public final class Delivery {

    private final FeedEntry entry;
    private final List<Long> replaces;
    private volatile String frame;

    public Delivery(FeedEntry entry, List<Long> replaces) {
        this.entry = entry;
        this.replaces = replaces;
    }

    public static Delivery of(FeedEntry entry) {
        return new Delivery(entry, List.of());
    }

    public FeedEntry entry() {
        return entry;
    }

    public List<Long> replaces() {
        return replaces;
    }

    /** The encoded {@code 42[event,payload]} frame; two sockets racing to encode it first both get equal frames. */
    String frame(Supplier<String> encode) {
        String encoded = frame;
        if (encoded == null) {
            encoded = encode.get();
            frame = encoded;
        }
        return encoded;
    }
}
