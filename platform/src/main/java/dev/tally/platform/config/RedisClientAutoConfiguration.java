package dev.tally.platform.config;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Redis carries only signals and counts, each with a fallback: the feed is caught up from its table, rate limits and
 * the socket cap let through, presence is announced again at the next change. So while Redis is down or restarting,
 * a command fails at once (Lettuce's {@code REJECT_COMMANDS}) instead of being queued until Redis is back or the
 * timeout passes: no request, socket CONNECT or projection commit waits on it. Lettuce reconnects on its own meanwhile.
 */
@AutoConfiguration(before = RedisAutoConfiguration.class)
@ConditionalOnClass({ClientOptions.class, LettuceClientConfigurationBuilderCustomizer.class})
public class RedisClientAutoConfiguration {

    @Bean
    public LettuceClientConfigurationBuilderCustomizer failFastWhileRedisIsDown() {
        return builder -> builder.clientOptions(builder.build().getClientOptions().map(ClientOptions::mutate).orElseGet(ClientOptions::builder)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
    }
}
