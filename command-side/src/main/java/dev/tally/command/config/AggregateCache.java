package dev.tally.command.config;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Axon's aggregate cache held in Caffeine, bounded by count and idle time. Axon's {@code WeakReferenceCache} lost every
 * account at each young collection, so under load one command in twenty replayed its account from a snapshot and up
 * to a hundred events (docs/benchmarks.md). Axon drops an entry when its unit of work rolls back, and an entry another
 * instance made stale fails its append as a conflict, so a strong cache is as safe as the weak one. Loading on a miss
 * keeps Axon's own {@code computeIfAbsent} (look up, load, put), so no lock is held while an aggregate is read.
 */
final class AggregateCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> entries;

    AggregateCache(long maximumSize, Duration idle) {
        // evictions run on the writing thread: a few map operations, and nothing queued on the common pool
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).expireAfterAccess(idle).executor(Runnable::run).build();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        return (V) entries.getIfPresent(key);
    }

    @Override
    public void put(Object key, Object value) {
        entries.put(key, value);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        return entries.asMap().putIfAbsent(key, value) == null;
    }

    @Override
    public boolean remove(Object key) {
        return entries.asMap().remove(key) != null;
    }

    @Override
    public void removeAll() {
        entries.invalidateAll();
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.asMap().containsKey(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.asMap().computeIfPresent(key, (k, value) -> update.apply((V) value));
    }

    /** Aggregate repositories register none; a listener that would never hear anything is refused rather than ignored. */
    @Override
    public Registration registerCacheEntryListener(EntryListener cacheEntryListener) {
        throw new UnsupportedOperationException("the aggregate cache does not notify listeners");
    }
}
