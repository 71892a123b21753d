package dev.tally.query.feed;

import dev.tally.api.feed.FeedEntry;
import dev.tally.api.feed.FeedListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;

/** Tells every {@link FeedListener} bean (the in-process gateway, the Redis publisher) about committed entries. */
@Component
public class FeedSignals {

    private static final Logger log = LoggerFactory.getLogger(FeedSignals.class);

    private final ObjectProvider<FeedListener> listeners;

    public FeedSignals(ObjectProvider<FeedListener> listeners) {
        this.listeners = listeners;
    }

    void committed(List<FeedEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        listeners.orderedStream().forEach(listener -> {
            try {
                listener.committed(entries);
            } catch (RuntimeException e) {
                // a lost signal loses nothing: listeners catch up from the feed table
                log.warn("Feed listener {} failed; it will catch up from the feed", listener.getClass().getName(), e);
            }
        });
    }
}
