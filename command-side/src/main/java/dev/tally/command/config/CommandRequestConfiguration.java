package dev.tally.command.config;

import dev.tally.command.dispatch.CommandContextResolver;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/** Command controllers declare a {@code CommandContext}: the caller, {@code Idempotency-Key} and {@code If-Match}, read in one place. */
@Configuration(proxyBeanMethods = false)
public class CommandRequestConfiguration implements WebMvcConfigurer {

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new CommandContextResolver());
    }
}
