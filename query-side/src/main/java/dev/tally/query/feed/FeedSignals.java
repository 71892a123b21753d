package dev.tally.query.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import java.util.List;
import java.util.function.Supplier;

/** Tells every {@link FeedListener} bean (the in-process gateway, the Redis publisher) about committed entries. */
@Component
public class FeedSignals {

    private static final Logger log = LoggerFactory.getLogger(FeedSignals.class);

    private final Supplier<List<FeedListener>> listeners;

    /** Looked up at the first commit, not at construction (the gateway's listener depends on the query side), and then kept. */
    public FeedSignals(ObjectProvider<FeedListener> listeners) {
        this.listeners = SingletonSupplier.of(() -> listeners.orderedStream().toList());
    }

    void committed(List<FeedEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        listeners.get().forEach(listener -> {
            try {
                listener.committed(entries);
            } catch (RuntimeException e) {
                // a lost signal loses nothing: listeners catch up from the feed table
                log.warn("Feed listener {} failed; it will catch up from the feed", listener.getClass().getName(), e);
            }
        });
    }
}
