package dev.tally.command.config;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AggregateCacheTest {

    private final Cache cache = new AggregateCache(100, Duration.ofHours(1));

    @Test
    void keepsWhatIsPutUntilRemoved() {
        cache.put("account-1", "state 1");
        assertThat(cache.<String, String>get("account-1")).isEqualTo("state 1");
        assertThat(cache.containsKey("account-1")).isTrue();
        assertThat(cache.putIfAbsent("account-1", "other")).isFalse();
        assertThat(cache.<String, String>get("account-1")).isEqualTo("state 1");

        assertThat(cache.remove("account-1")).isTrue();
        assertThat(cache.remove("account-1")).isFalse();
        assertThat(cache.<String, String>get("account-1")).isNull();
        assertThat(cache.containsKey("account-1")).isFalse();
    }

    @Test
    void loadsOnlyOnAMissAndUpdatesOnlyWhatIsThere() {
        String loaded = cache.computeIfAbsent("budget-1", () -> "loaded");
        String again = cache.computeIfAbsent("budget-1", () -> {
            throw new AssertionError("loaded twice");
        });
        assertThat(loaded).isEqualTo("loaded");
        assertThat(again).isEqualTo("loaded");

        cache.computeIfPresent("budget-1", (UnaryOperator<String>) value -> value + " and changed");
        cache.computeIfPresent("budget-2", (UnaryOperator<String>) value -> "never");
        assertThat(cache.<String, String>get("budget-1")).isEqualTo("loaded and changed");
        assertThat(cache.containsKey("budget-2")).isFalse();

        cache.removeAll();
        assertThat(cache.containsKey("budget-1")).isFalse();
    }

    @Test
    void holdsAtMostItsSize() {
        Cache small = new AggregateCache(10, Duration.ofHours(1));
        for (int i = 0; i < 1_000; i++) {
            small.put("account-" + i, i);
        }
        long kept = java.util.stream.IntStream.range(0, 1_000).filter(i -> small.containsKey("account-" + i)).count();
        assertThat(kept).isLessThanOrEqualTo(10);
    }

    @Test
    void refusesListenersItWouldNeverNotify() {
        assertThatThrownBy(() -> cache.registerCacheEntryListener(new Cache.EntryListenerAdapter()))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
