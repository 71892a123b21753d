package dev.tally.gateway.config;

import dev.tally.gateway.GatewayProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.feed.LiveFeed;
import dev.tally.gateway.feed.RedisFeedSubscriber;
import dev.tally.gateway.presence.Presence;
import dev.tally.gateway.presence.RedisSocketCounter;
import dev.tally.gateway.socket.ClientSocket;
import dev.tally.gateway.room.LocalRoomBroadcast;
import dev.tally.gateway.room.RedisRoomBroadcast;
import dev.tally.gateway.room.RedisRoomPresence;
import dev.tally.gateway.session.LocalSessionKick;
import dev.tally.gateway.session.RedisSessionKick;
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

/**
 * Several gateway instances ({@code tally.gateway.redis.enabled=true}): live feed signals, session kicks and room emits
 * through Redis pub/sub, per-user socket counts in Redis. Channels: {@code <prefix>:feed}, {@code <prefix>:sessions},
 * {@code <prefix>:rooms}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tally.gateway.redis.enabled", havingValue = "true")
public class RedisConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);
    private final GatewayProperties properties;

    public RedisConfiguration(GatewayProperties properties) {
        this.properties = properties;
    }

    private String channel(String name) {
        return properties.getRedis().getPrefix() + ":" + name;
    }

    @Bean
    public RedisRoomBroadcast roomBroadcast(StringRedisTemplate redis, ObjectMapper json, SocketRegistry registry) {
        return new RedisRoomBroadcast(redis, channel("rooms"), json, new LocalRoomBroadcast(registry));
    }

    @Bean
    public RedisSessionKick sessionKick(StringRedisTemplate redis, ObjectMapper json, SocketRegistry registry) {
        return new RedisSessionKick(redis, channel("sessions"), json, new LocalSessionKick(registry));
    }

    @Bean
    public RedisSocketCounter socketCounter(StringRedisTemplate redis) {
        return new RedisSocketCounter(redis, properties.getRedis().getPrefix(), properties.getRedis().getSocketTtl());
    }

    @Bean
    public RedisRoomPresence roomPresence(StringRedisTemplate redis) {
        return new RedisRoomPresence(redis, properties.getRedis().getPrefix(), properties.getRedis().getSocketTtl());
    }

    @Bean
    public RedisMessageListenerContainer gatewayRedisListeners(RedisConnectionFactory connections, ObjectMapper json,
                                                               LiveFeed live, RedisRoomBroadcast rooms,
                                                               RedisSessionKick kicks) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(connections);
        container.addMessageListener(new RedisFeedSubscriber(json, live), new ChannelTopic(channel("feed")));
        container.addMessageListener(rooms, new ChannelTopic(channel("rooms")));
        container.addMessageListener(kicks, new ChannelTopic(channel("sessions")));
        return container;
    }

    /** Keeps this instance's sockets (and their expense-room memberships) counted; entries of a crashed instance expire after the TTL. */
    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService socketCountRefresher(RedisSocketCounter counter, RedisRoomPresence rooms,
                                                         SocketRegistry registry, ObjectProvider<Presence> presence) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(GatewayConfiguration.daemon("socket-count"));
        long period = Math.max(1000, properties.getRedis().getSocketTtl().toMillis() / 3);
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                List<Map.Entry<String, String>> mine = registry.all().stream().filter(ClientSocket::connected)
                        .map(s -> Map.entry(s.user().userId(), presence.getObject().key(s))).toList();
                counter.refresh(mine);
                List<Map.Entry<String, String>> roomMembers = registry.all().stream().filter(ClientSocket::connected)
                        .flatMap(s -> s.rooms().stream().filter(r -> r.startsWith("expense:"))
                                .map(r -> Map.entry(r, s.user().userId() + "|" + presence.getObject().key(s))))
                        .toList();
                rooms.refresh(roomMembers);
            } catch (RuntimeException e) {
                log.warn("refreshing socket counts failed: {}", e.toString());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return scheduler;
    }
}
