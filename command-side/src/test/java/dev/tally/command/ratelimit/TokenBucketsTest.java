package dev.tally.command.ratelimit;

import dev.tally.platform.test.RedisTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The two bucket stores keep the same rule; the Redis one is shared by every instance that uses it. */
class TokenBucketsTest {

    private static final RateLimits.Limit THREE_THEN_FIVE_A_SECOND = new RateLimits.Limit(3, 5);

    private static void keepsTheRule(TokenBuckets buckets) throws InterruptedException {
        String key = "test:" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(buckets.take(key, THREE_THEN_FIVE_A_SECOND)).isEmpty();
        }
        Optional<Duration> wait = buckets.take(key, THREE_THEN_FIVE_A_SECOND);
        assertThat(wait).hasValueSatisfying(w -> assertThat(w.toMillis()).isBetween(1L, 200L));
        Thread.sleep(wait.get().toMillis() + 20);
        assertThat(buckets.take(key, THREE_THEN_FIVE_A_SECOND)).isEmpty();
        assertThat(buckets.take(key, THREE_THEN_FIVE_A_SECOND)).isPresent();
        assertThat(buckets.take("test:" + UUID.randomUUID(), THREE_THEN_FIVE_A_SECOND)).isEmpty(); // another key, another bucket
    }

    @Test
    void inMemory() throws InterruptedException {
        keepsTheRule(new LocalTokenBuckets());
    }

    @Test
    void inRedisSharedByTwoInstances() throws InterruptedException {
        LettuceConnectionFactory connections = new LettuceConnectionFactory(RedisTestServer.host(), RedisTestServer.port());
        connections.afterPropertiesSet();
        try {
            StringRedisTemplate redis = new StringRedisTemplate(connections);
            keepsTheRule(new RedisTokenBuckets(redis, "tally-test-" + UUID.randomUUID()));

            String prefix = "tally-test-" + UUID.randomUUID();
            TokenBuckets one = new RedisTokenBuckets(redis, prefix);
            TokenBuckets other = new RedisTokenBuckets(redis, prefix);
            assertThat(one.take("user:u", THREE_THEN_FIVE_A_SECOND)).isEmpty();
            assertThat(other.take("user:u", THREE_THEN_FIVE_A_SECOND)).isEmpty();
            assertThat(one.take("user:u", THREE_THEN_FIVE_A_SECOND)).isEmpty();
            assertThat(other.take("user:u", THREE_THEN_FIVE_A_SECOND)).isPresent();
        } finally {
            connections.destroy();
        }
    }

    @Test
    void anUnreachableRedisLetsRequestsThrough() {
        LettuceConnectionFactory connections = new LettuceConnectionFactory("127.0.0.1", 1);
        connections.afterPropertiesSet();
        try {
            assertThat(new RedisTokenBuckets(new StringRedisTemplate(connections), "x").take("k", THREE_THEN_FIVE_A_SECOND)).isEmpty();
        } finally {
            connections.destroy();
        }
    }

}
