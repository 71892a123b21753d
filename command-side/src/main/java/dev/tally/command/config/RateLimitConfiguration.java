package dev.tally.command.config;

import dev.tally.command.ratelimit.LocalTokenBuckets;
import dev.tally.command.ratelimit.RateLimitInterceptor;
import dev.tally.command.ratelimit.RateLimits;
import dev.tally.command.ratelimit.RedisTokenBuckets;
import dev.tally.command.ratelimit.TokenBuckets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Rate limits on the command API: buckets in Redis when the deployment has it (shared by every instance), else in memory. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimits.class)
public class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty("tally.gateway.redis.enabled")
    public TokenBuckets redisTokenBuckets(StringRedisTemplate redis, @Value("${tally.gateway.redis.prefix:tally}") String prefix) {
        return new RedisTokenBuckets(redis, prefix);
    }

    @Bean
    @ConditionalOnMissingBean
    public TokenBuckets localTokenBuckets() {
        return new LocalTokenBuckets();
    }

    @Bean
    @ConditionalOnProperty(name = "tally.rate-limit.enabled", matchIfMissing = true)
    public WebMvcConfigurer rateLimitInterceptor(RateLimits limits, TokenBuckets buckets) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RateLimitInterceptor(limits, buckets)).addPathPatterns("/api/**");
            }
        };
    }
}
