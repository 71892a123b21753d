package dev.tally.query.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.feed.FeedEntry;
import dev.tally.platform.test.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live feed signal to gateways in other processes, on a Redis that answers and on one that does not. */
class RedisFeedPublisherTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void aRedisThatDoesNotAnswerHoldsUpNoCommitAndPastTheBacklogSignalsAreDropped() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) { // accepts connections and never answers
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            LettuceConnectionFactory connections = connections(silent.getLocalPort());
            RedisFeedPublisher publisher = new RedisFeedPublisher(new StringRedisTemplate(connections), json, "silent:feed", 4);
            try {
                for (long seq = 1; seq <= 2_000; seq++) {
                    publisher.committed(List.of(entry("u-1", seq))); // the committing thread goes on at once
                }
                // one pipeline of at most 500 is being sent (it waits for the answers), four wait behind it, the rest is dropped
                assertThat(publisher.dropped()).isBetween(2_000L - 500 - 4, 2_000L - 1 - 4);
            } finally {
                publisher.close();
                connections.destroy();
                accepted.forEach(socket -> {
                    try {
                        socket.close();
                    } catch (Exception ignored) {
                        // closing anyway
                    }
                });
            }
        }
    }

    @Test
    void eachCommitIsOneMessageInTheOrderTheCommitsSignalled() throws Exception {
        String channel = "tally-publisher-test-" + UUID.randomUUID() + ":feed";
        List<String> messages = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(RedisTestServer.uri());
        LettuceConnectionFactory connections = connections(RedisTestServer.port());
        RedisFeedPublisher publisher = new RedisFeedPublisher(new StringRedisTemplate(connections), json, channel, 10_000);
        try (var subscriber = client.connectPubSub()) {
            subscriber.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String on, String message) {
                    messages.add(message);
                }
            });
            subscriber.sync().subscribe(channel);
            for (long seq = 1; seq <= 300; seq++) {
                publisher.committed(List.of(entry("u-2", seq)));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> messages.size() == 300);
            List<Long> seqs = new ArrayList<>();
            for (String message : messages) {
                FeedEntry[] entries = json.readValue(message, FeedEntry[].class);
                assertThat(entries).hasSize(1);
                seqs.add(entries[0].seq());
            }
            assertThat(seqs).containsExactlyElementsOf(LongStream.rangeClosed(1, 300).boxed().toList());
            assertThat(publisher.dropped()).isZero();
        } finally {
            publisher.close();
            connections.destroy();
            client.shutdown();
        }
    }

    private static FeedEntry entry(String userId, long seq) {
        return new FeedEntry(userId, seq, "e1", "balance:updated", "{\"n\":" + seq + "}", seq, Instant.now());
    }

    private static LettuceConnectionFactory connections(int port) {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(RedisTestServer.host(), port),
                LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }
}
