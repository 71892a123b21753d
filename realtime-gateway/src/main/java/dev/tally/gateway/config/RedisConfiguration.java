package dev.tally.gateway.config;

import dev.tally.gateway.GatewayProperties;
import dev.tally.gateway.cluster.LocalCluster;
import dev.tally.gateway.cluster.RedisCluster;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.feed.LiveFeed;
import dev.tally.gateway.presence.Presence;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.socket.SocketRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Several gateway instances ({@code tally.gateway.redis.enabled=true}): the {@link RedisCluster} (live feed signals,
 * session kicks and room emits through Redis pub/sub, socket counts and room members in Redis).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tally.gateway.redis.enabled", havingValue = "true")
public class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);
    private final GatewayProperties properties;

    public RedisConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    @Bean
    public RedisCluster cluster(StringRedisTemplate redis, ObjectMapper json, SocketRegistry registry, LiveFeed live) {
        return new RedisCluster(redis, properties.getRedis().getPrefix(), properties.getRedis().getSocketTtl(), json,
                new LocalCluster(registry), live);
    }

    @Bean
    public RedisMessageListenerContainer gatewayRedisListeners(RedisConnectionFactory connections, RedisCluster cluster) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(cluster, cluster.channels());
        return container;
    }

    /**
     * Keeps this instance's sockets (and their expense-room memberships) counted; entries of a crashed instance expire
     * after the TTL, and a Redis that restarted empty counts them again at the next refresh.
     */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService socketCountRefresher(RedisCluster cluster, SocketRegistry registry, ObjectProvider<Presence> presence) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(GatewayConfiguration.daemon("socket-count"));
        long period = Math.max(1000, properties.getRedis().getSocketTtl().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                List<Counted> counted = registry.all().stream().filter(ClientSocket::connected).flatMap(s -> Stream.concat(
                        Stream.of(new Counted(s, null, Map.entry(s.user().userId(), presence.getObject().key(s)))),
                        s.rooms().stream().filter(r -> r.startsWith("expense:"))
                                .map(r -> new Counted(s, r, Map.entry(r, s.user().userId() + "|" + presence.getObject().key(s))))))
                        .toList();
                cluster.refresh(entries(counted, false, true), entries(counted, true, true));
                // a socket closed, or a room left, while its entry was being added again would count until the TTL
                cluster.forget(entries(counted, false, false), entries(counted, true, false));
            } catch (RuntimeException e) {
                log.warn("refreshing socket counts failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    /** One entry a socket keeps in Redis: the socket itself (room null) or its membership of an expense room. */
    private record Counted(ClientSocket socket, String room, Map.Entry<String, String> entry) {
        boolean stillHolds() {
            return socket.connected() && (room == null || socket.rooms().contains(room));
        }
    }

    private static List<Map.Entry<String, String>> entries(List<Counted> counted, boolean rooms, boolean holding) {
        return counted.stream().filter(c -> (c.room() != null) == rooms && c.stillHolds() == holding).map(Counted::entry).toList();
    }
}
